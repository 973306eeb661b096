// Test store "mailer": for every customer.password_reset event
// ({id, email, first_name, last_name, token}) write one RFC 822-style email
// into $MEDUSA_OUTBOX_DIR as <ISO time, ':' -> '-'>-<counter>.eml (written to a
// .tmp file first, then renamed, so a reader never sees a partial file), and
// append the JSON payload as one line to $MEDUSA_OUTBOX_DIR/outbox.jsonl.
// Plain JS (no build step): Medusa v1 only loads it with __esModule set.
Object.defineProperty(exports, "__esModule", { value: true });
const fs = require("fs");
const path = require("path");

let counter = 0;

function resetLink(email, token) {
  return "patron://reset-password?email=" + encodeURIComponent(email) +
    "&token=" + encodeURIComponent(token);
}

async function passwordResetOutbox({ data }) {
  const dir = process.env.MEDUSA_OUTBOX_DIR;
  if (!dir || !data) return;
  fs.mkdirSync(dir, { recursive: true });
  const now = new Date();
  counter += 1;
  const email = String(data.email || "");
  const token = String(data.token || "");
  const name = [data.first_name, data.last_name].filter(Boolean).join(" ");
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
    JSON.stringify({ ...data, at: now.toISOString(), file: base + ".eml" }) + "\n");
}

exports.default = passwordResetOutbox;
exports.config = {
  event: "customer.password_reset",
  context: { subscriberId: "patron-test-password-reset-outbox" },
};
