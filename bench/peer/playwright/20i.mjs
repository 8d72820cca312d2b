// Peer benchmark: what flows/20i.yaml does (guide 003), hand-written in Playwright the
// way a Playwright user would write it for this one site, against a 20i mock started with
// `enroll serve --control 20i`:
//
//   node bench/peer/playwright/20i.mjs BASE_URL [EMAIL]
//
// The account comes from ENROLL_20I_EMAIL / ENROLL_20I_PASSWORD (the flow's variables),
// the email also from the second argument. Chromium is the Debian one
// ($ENROLL_CHROME, default /usr/lib/chromium/chromium); Playwright downloads no browser.
// Screenshots are off. It prints PASSED and exits 0 only after the last check passed;
// any failure exits 1 with the step that failed (never a secret or a code).
import { chromium } from "playwright-core";
import * as OTPAuth from "otpauth";
import jsQR from "jsqr";

const ACTION_TIMEOUT = 10_000; // enroll's default per action
const CODE_MARGIN_S = 3; // as runner/authenticator.go: closer to a step's end, type the next step's code

// fail reports the step, Playwright's first line and what it was waiting for (its call
// log names locators, never the values filled).
function fail(step, err) {
  const lines = String(err?.message ?? err).replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  const waiting = lines.find((l) => l.includes("waiting for"))?.trim().replace(/^- /, "");
  console.error(`FAILED 20i peer=playwright: ${step}: ${lines[0]}${waiting ? ` (${waiting})` : ""}`);
  process.exit(1);
}

const [base, emailArg] = process.argv.slice(2);
const email = emailArg || process.env.ENROLL_20I_EMAIL;
const password = process.env.ENROLL_20I_PASSWORD;
if (!base || !email || !password) {
  console.error("usage: node 20i.mjs BASE_URL [EMAIL]  (ENROLL_20I_PASSWORD, and ENROLL_20I_EMAIL without EMAIL)");
  process.exit(2);
}
const baseURL = base.replace(/\/+$/, "");

// The sign-in fragment, flows/sites/20i.yaml.
async function signIn(page) {
  await page.goto(baseURL + "/login");
  await page.getByRole("heading", { name: "Log in to your 20i Account" }).waitFor();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

// The page's QR code, read from the canvas's pixels once the page has drawn it.
async function scanQR(page) {
  const canvas = page.locator('#tfa-qr[data-drawn="true"]');
  await canvas.waitFor();
  const img = await canvas.evaluate((c) => {
    const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
    let bin = "";
    for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, rgba: btoa(bin) };
  });
  const rgba = new Uint8ClampedArray(Buffer.from(img.rgba, "base64"));
  const qr = jsQR(rgba, img.width, img.height);
  if (!qr) throw new Error("no QR code in the canvas");
  return qr.data;
}

// The time step whose code to type now: the current one, or the next one when the
// current ends within CODE_MARGIN_S (the mock accepts ±1 step).
function currentStep(totp) {
  const now = Date.now() / 1000;
  const step = Math.floor(now / totp.period);
  return (step + 1) * totp.period - now < CODE_MARGIN_S ? step + 1 : step;
}
const codeAt = (totp, step) => totp.generate({ timestamp: step * totp.period * 1000 });

const browser = await chromium
  .launch({
    executablePath: process.env.ENROLL_CHROME || "/usr/lib/chromium/chromium",
    headless: true,
    args: ["--disable-component-update"],
  })
  .catch((err) => fail("launch Chromium", err));
// enroll's window: 1280x960, en-US.
const contextOptions = { viewport: { width: 1280, height: 960 }, locale: "en-US" };

let step = "Log in to 20i";
try {
  const ctx = await browser.newContext(contextOptions);
  ctx.setDefaultTimeout(ACTION_TIMEOUT);
  const page = await ctx.newPage();
  await signIn(page);
  await page.getByRole("heading", { name: "Welcome back" }).waitFor();

  step = "Security Details";
  await page.getByRole("navigation", { name: "My 20i" }).getByRole("link", { name: "Security Details" }).click();

  step = "Two-Factor Authentication Security";
  await page.getByRole("link", { name: "Security", exact: true }).click();
  await page.getByRole("heading", { name: "Two-Factor Authentication" }).waitFor();

  step = "Athenticator Configuration";
  await page.getByRole("button", { name: "Set up Two-Factor Authentication" }).click();
  const intro = page.getByRole("dialog", { name: "Set up Two-Factor Authentication" });
  await intro.getByText("You will have only 30 seconds").waitFor();
  await intro.getByRole("button", { name: "Continue" }).click();

  step = "Scan the QR Code";
  const totp = OTPAuth.URI.parse(await scanQR(page));
  if (!(totp instanceof OTPAuth.TOTP) || totp.issuer !== "20i" || totp.digits !== 6 || totp.period !== 30) {
    throw new Error("the QR code is not a 6-digit, 30-second TOTP key of issuer 20i");
  }

  step = "Finalize";
  const enrolled = currentStep(totp);
  await page.getByLabel("Code from your app").fill(codeAt(totp, enrolled));
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByText("two-factor authentication tool has been added").waitFor();

  step = "Setup complete";
  // A fresh browser context (new-session), and the next step's code: the mock refuses
  // the enrollment step's code again (replay) and accepts the next one within its window.
  const again = await browser.newContext(contextOptions);
  again.setDefaultTimeout(ACTION_TIMEOUT);
  const page2 = await again.newPage();
  await signIn(page2);
  const code = page2.getByLabel("One-time passcode");
  await code.waitFor();
  // The next step's code is inside the mock's window (±1 step) once the step that
  // enrolled has begun: when enrolling typed the next step's code near a step's end,
  // wait for it to begin, as runner/authenticator.go plans.
  const wait = enrolled * totp.period * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await code.fill(codeAt(totp, enrolled + 1));
  await page2.getByRole("button", { name: "Verify" }).click();
  await page2.getByRole("heading", { name: "Welcome back" }).waitFor();
} catch (err) {
  await browser.close().catch(() => {});
  fail(`step "${step}"`, err);
}
await browser.close();
console.log("PASSED 20i peer=playwright");
