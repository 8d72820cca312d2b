// Package guide reads a written two-factor setup guide (the plain-text or Markdown
// files in guides/) into what a flow is written from: the title, each numbered
// heading with its sentences, and the labels the guide quotes. It imports neither the
// flow format nor any browser code.
//
// # A worked example
//
// Guide 003 reads, in part:
//
//	Setting up Trusona for 20i using 2-Step Verification with TOTP
//	...
//	2. Security Details
//
//	From the home page, select the Security Details tab
//
//	Select 'Security Details'
//	Select 'Security Details'
//
// and Parse gives its second step as
//
//	g, err := guide.Parse("003_13c50cf616da0fba.txt", src)
//	s := g.Steps[1]
//	s.Number, s.Heading   // 2, "Security Details"
//	s.Paragraphs          // ["From the home page, select the Security Details tab"]
//	s.Labels[0].Text      // "Security Details", quoted in the caption
//	s.Labels[0].Before    // "Select"
//
// The two equal lines are an image's alt text and caption: they are not the guide's
// sentences, but the labels they quote count. The lines before heading 1 (installing
// the app) and from the publishing site's navigation on (a line "Integrations", "Guides" ...) belong
// to no step. A guide without numbered headings is ErrNoSteps; one that is not UTF-8
// text (a NUL or another control character, a byte that is no character) is ErrNotText.
package guide
