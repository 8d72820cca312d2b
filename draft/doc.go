// Package draft writes a starting flow from a written guide, so that a new flow does
// not start from an empty file: `enroll draft GUIDE > flow.yaml`.
//
// # A worked example
//
// From guide 003 (read with guide.Parse), Write gives, in part:
//
//	enroll: 1
//	guide:
//	  title: Setting up Trusona for 20i using 2-Step Verification with TOTP
//	  source: 003_13c50cf616da0fba.txt
//	site: 20i
//
//	steps:
//	  - step: Security Details
//	    say: From the home page, select the Security Details tab
//	    do:
//	      # - click: Security Details   # line 24: Select 'Security Details'
//	  ...
//	  - step: Scan the QR Code
//	    say: >-
//	      A QR code will be shown on the screen.
//	    ...
//	    do:
//	      # - scan-qr: { as: app }   # the guide shows a QR code here
//
// Each numbered heading is a step, titled word for word; its paragraphs are its say.
// Each label the guide quotes in a step becomes one commented action: click, unless
// its sentence makes it a message (expect: "it should now show 'Done'"), a field
// (fill, or type-code for a code field: "into the 'Code' box") or a checkbox (check).
// A step that mentions the QR code gets scan-qr, and the first later sentence that has
// the code entered gets type-code. Nothing else is guessed: a label the guide does not
// quote is never suggested, and the writer uncomments what the page confirms. With
// every suggestion uncommented, the draft is a valid flow.
package draft
