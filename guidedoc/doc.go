// Package guidedoc renders a written guide back from its flow's run: `enroll docs`.
// It reads the run's result (report.Flow, with the screenshot the runner took after
// each step, QR codes and secrets already masked), the flow and the written guide,
// and writes the guide as Markdown and HTML with fresh pictures. It starts no browser
// and changes nothing in the runner.
//
// # A worked example
//
//	res, _ := runner.Run(ctx, []*flow.Flow{f}, runner.Options{ArtifactsDir: tmp})
//	g, _ := guide.Parse("003_13c50cf616da0fba.txt", src)
//	r, err := guidedoc.Write("docs/20i", guidedoc.Doc{Result: res.Flows[0], Flow: f, Guide: g})
//	for _, c := range r.Changed {
//		fmt.Println(c) // images/05-scan-the-qr-code.png (2.31% of pixels)
//	}
//
// writes docs/20i/index.md:
//
//	# Setting up Trusona for 20i using 2-Step Verification with TOTP
//
//	## 2. Security Details
//
//	From the home page, select the Security Details tab
//
//	![Security Details](images/02-security-details.png)
//	...
//	## The guide's labels on the screen
//
//	| guide step | label | on the screen |
//	|---|---|---|
//	| 2. Security Details | Security Details | shown |
//	| 3. Two-Factor Authentication Security | Navigate to Two-Factor Authentication | not checked: the flow does not look for it |
//
// and docs/20i/index.html with the same content. Nothing in either depends on the
// time or the machine, so two renders of runs that saw the same pages are identical;
// the images are compared by decoded pixels with the last render in the folder, and
// those differing in more than Threshold of their pixels are listed for review.
//
// The labels section lists every label the guide quotes: shown when the flow's step
// of that heading looked for it and passed, not shown (with what the page showed
// instead) when the action looking for it failed, and not checked when the flow does
// not look for it.
package guidedoc
