// Package guidedoc renders a written guide back from its flow's run: `enroll docs`.
// It reads the run's result (report.Flow, with the screenshot the runner took after
// each step, QR codes and secrets already masked), the flow, the written guide, and
// what a Watch read of the page after each step (runner.Options.AfterStep), and
// writes the guide as Markdown and HTML with fresh pictures, whole or cropped to the
// element each step acts on and boxed (Pictures). It starts no browser.
//
// # A worked example
//
//	g, _ := guide.Parse("003_13c50cf616da0fba.txt", src)
//	w := guidedoc.NewWatch(f, g, true)
//	res, _ := runner.Run(ctx, []*flow.Flow{f}, runner.Options{ArtifactsDir: tmp, Reproducible: true,
//		AfterStep: func(ctx context.Context, _ *flow.Flow, s *report.Step, p runner.Page) { w.AfterStep(ctx, s, p) }})
//	r, err := guidedoc.Write("docs/20i", guidedoc.Doc{Result: res.Flows[0], Flow: f, Guide: g,
//		Watch: w, Pictures: guidedoc.Pictures{Crop: true, Highlight: true}})
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
//	| 3. Two-Factor Authentication Security | Navigate to Two-Factor Authentication | not shown; on screen instead: "Two-Factor Authentication", ... |
//
// and docs/20i/index.html with the same content. Nothing in either depends on the
// time or the machine, so two renders of runs that saw the same pages are identical;
// the images are compared by decoded pixels with the last render in the folder, and
// those differing in more than Threshold of their pixels (in any pixel when the run
// was reproducible: Doc.Exact) are listed for review.
//
// The labels section lists every label the guide quotes: shown when the page showed
// it after the flow's step of that heading (the Watch read it there) or an action of
// that step looked for it and passed; not shown, with what the page showed instead,
// when the action looking for it failed or the page did not show it (the labels on
// the page sharing a word with it first); and not checked, saying why, when the step
// was not reached or the page could not be read.
package guidedoc
