// Package export hands the credentials a flow enrolled to a person: it writes OTP keys
// in the formats authenticator apps import, and reads them back. It is the home of
// `enroll run --export DIR` and of the files `enroll code` reads.
//
// The formats, each written to the format's own documentation and checked against the
// app's own test data:
//
//   - an otpauth:// URI (Key URI format) as text, and as a PNG QR code any app scans;
//   - a plain Aegis vault (Aegis' docs/vault.md: version 1, a header with null slots
//     and params, db version 1 with entries of type, uuid, name, issuer, icon, info);
//   - a plain 2FAS backup (.2fas, schemaVersion 4, services with name, secret, otp);
//   - a Google Authenticator migration URI (otpauth-migration://offline?data= and the
//     base64 of a MigrationPayload protobuf message) and its QR code. The message has
//     no period and only six or eight digits, and the app computes SHA1 codes only, so
//     a key outside that is refused with the reason (*UncarriableError) rather than
//     exported to show wrong codes.
//
// The protobuf message is encoded and decoded by hand (migration.go): a dozen fields
// of two wire types, which keeps the protobuf runtime out of the binary. The tests
// decode it again with google.golang.org/protobuf's protowire, an independent reader.
//
// Every file holds live secrets. Open creates the folder with mode 0700 and refuses
// one other users can open; files are written 0600 through a temporary file renamed
// into place. Callers report that an export was written and where, never its content.
//
// # Worked example
//
//	d, err := export.Open("out") // out/ created 0700, or refused when others can open it
//	if err != nil {
//		return err
//	}
//	res, err := d.Write("20i", &export.Bundle{Credentials: []export.Credential{{Name: "app", Key: k}}})
//	// res.Dir == "out/20i"; res.Files == [app.otpauth.txt app.otpauth.png aegis.json
//	// backup.2fas google-authenticator.txt google-authenticator.png]
//
// and back, as `enroll code out/20i/aegis.json` does:
//
//	data, _ := os.ReadFile("out/20i/aegis.json")
//	keys, format, err := export.Read(data) // format == export.AegisJSON
//	code := keys[0].Code(time.Now())       // the same code as k.Code(time.Now())
package export
