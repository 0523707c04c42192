// The HTML in a real browser: headless Chromium (Debian's) driven by puppeteer-core, with the
// tools `make browser-deps` installs found through NODE_PATH.
//
//   node tests/browser/check.js axe PAGE.html...     axe-core's WCAG 2.1 AA rules on every page:
//                                                    prints each violation, exits 1 on any
//   node tests/browser/check.js shots PAGE.html DIR  screenshots at a phone's width (390 px) and
//                                                    a desktop's (1280 px): DIR/html-phone.png,
//                                                    DIR/html-desktop.png
"use strict";

const path = require("path");
const puppeteer = require("puppeteer-core");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// The flags that keep Chromium from reaching out to the network at start.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--font-render-hinting=none",
];

async function launch() {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    args: FLAGS,
    headless: true,
    userDataDir: require("fs").mkdtempSync(path.join(require("os").tmpdir(), "chromium-")),
  });
}

function url(file) {
  return "file://" + path.resolve(file);
}

async function axe(files) {
  const browser = await launch();
  const source = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  let violations = 0;
  let requests = 0;
  try {
    for (const file of files) {
      const page = await browser.newPage();
      // The page's own policy forbids scripts; axe is the browser's tool here, not the page's.
      await page.setBypassCSP(true);
      page.on("request", (r) => {
        if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) {
          requests += 1;
          console.log(`${file}: request to ${r.url()}`);
        }
      });
      await page.goto(url(file), { waitUntil: "load" });
      await page.evaluate(source);
      const result = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        })
      );
      for (const v of result.violations) {
        violations += 1;
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
        console.log(`${file}: ${v.id} (${v.impact}): ${v.help} at ${where}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`axe-core: ${files.length} pages, ${violations} WCAG 2.1 AA violations, ${requests} requests`);
  return violations === 0 && requests === 0;
}

async function shots(file, dir) {
  const browser = await launch();
  try {
    for (const [name, width, height] of [["phone", 390, 844], ["desktop", 1280, 800]]) {
      const page = await browser.newPage();
      await page.setViewport({ width, height, deviceScaleFactor: 1 });
      await page.goto(url(file), { waitUntil: "load" });
      const out = path.join(dir, `html-${name}.png`);
      await page.screenshot({ path: out });
      console.log(`wrote ${out}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return true;
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  let ok;
  if (mode === "axe" && args.length > 0) {
    ok = await axe(args);
  } else if (mode === "shots" && args.length === 2) {
    ok = await shots(args[0], args[1]);
  } else {
    console.error("usage: check.js axe PAGE.html... | check.js shots PAGE.html DIR");
    ok = false;
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
