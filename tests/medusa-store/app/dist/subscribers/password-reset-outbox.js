// The test and demo store's mailer: for every customer.password_reset event it
// writes the email a store would send, with the patron:// link, as one file in
// $MEDUSA_OUTBOX_DIR (written to a .tmp file, then renamed, so readers never
// see half an email), and appends the event to outbox.jsonl.
Object.defineProperty(exports, "__esModule", { value: true });
const fs = require("fs");
const path = require("path");

let counter = 0;

async function passwordResetOutbox({ data }) {
  const dir = process.env.MEDUSA_OUTBOX_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const link = "patron://reset-password?email=" + encodeURIComponent(data.email) +
               "&token=" + encodeURIComponent(data.token);
  const name = data.first_name ? data.first_name : "there";
  const text = [
    `To: ${data.email}`,
    "From: Test Store <shop@example.com>",
    "Subject: Reset your password",
    "Content-Type: text/plain; charset=utf-8",
    "",
    `Hello ${name},`,
    "",
    "Someone asked to reset the password of your account. To choose a new one, open:",
    "",
    link,
    "",
    "The link is valid for 15 minutes. Or paste this token into Patron:",
    "",
    `Token: ${data.token}`,
    "",
    "If you did not ask for this, ignore this email.",
    "",
  ].join("\n");
  const base = new Date().toISOString().replace(/:/g, "-") + "-" + String(++counter).padStart(4, "0");
  const tmp = path.join(dir, base + ".tmp");
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, path.join(dir, base + ".eml"));
  fs.appendFileSync(path.join(dir, "outbox.jsonl"),
                    JSON.stringify({ ...data, at: new Date().toISOString() }) + "\n");
}

exports.default = passwordResetOutbox;
exports.config = { event: "customer.password_reset", context: { subscriberId: "patron-password-reset-outbox" } };
