// The test stores' "mailer" (v1: tests/medusa-store/app/dist/subscribers/, v2:
// tests/medusa-store-v2/app/src/subscribers/): one password-reset email into the outbox
// directory as <ISO time, ':' -> '-'>-<counter>.eml (written to a dot-.tmp file first, then
// renamed, so a reader never sees a partial file) with To:, Subject: Reset your password, the
// link patron://reset-password?email=<enc>&token=<enc> on its own line and a "Token: <token>"
// line; the event's payload is also appended as one JSON line to outbox.jsonl.
const fs = require("fs");
const path = require("path");

let counter = 0;

function resetLink(email, token) {
  return "patron://reset-password?email=" + encodeURIComponent(email) +
    "&token=" + encodeURIComponent(token);
}

// writeResetMail(dir, {email, token, name}, payload): name may be empty; payload is what
// goes to outbox.jsonl (with the time and the file's name added)
function writeResetMail(dir, { email, token, name }, payload) {
  fs.mkdirSync(dir, { recursive: true });
  const now = new Date();
  counter += 1;
  const text = [
    "To: " + email,
    "Subject: Reset your password",
    "Date: " + now.toUTCString(),
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Hello" + (name ? " " + name : "") + ",",
    "",
    "Someone asked to reset the password of your account. Open this link in Patron",
    "to choose a new password (it is valid for 15 minutes and works once):",
    "",
    resetLink(email, token),
    "",
    "Or paste this code into Patron:",
    "",
    "Token: " + token,
    "",
    "If you did not ask for this, ignore this email.",
    "",
  ].join("\n");
  const base = now.toISOString().replace(/:/g, "-") + "-" + counter;
  const tmp = path.join(dir, "." + base + ".eml.tmp");
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, path.join(dir, base + ".eml"));
  fs.appendFileSync(path.join(dir, "outbox.jsonl"),
    JSON.stringify({ ...payload, at: now.toISOString(), file: base + ".eml" }) + "\n");
}

module.exports = { writeResetMail };
