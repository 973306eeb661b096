// Test store "mailer": for every customer.password_reset event
// ({id, email, first_name, last_name, token}) one email into $MEDUSA_OUTBOX_DIR and one
// line in its outbox.jsonl (../../../../medusa-common/reset-mail.js, shared with the v2 store).
// Plain JS (no build step): Medusa v1 only loads it with __esModule set.
Object.defineProperty(exports, "__esModule", { value: true });
const { writeResetMail } = require("../../../../medusa-common/reset-mail.js");

async function passwordResetOutbox({ data }) {
  const dir = process.env.MEDUSA_OUTBOX_DIR;
  if (!dir || !data) return;
  writeResetMail(dir, {
    email: String(data.email || ""),
    token: String(data.token || ""),
    name: [data.first_name, data.last_name].filter(Boolean).join(" "),
  }, data);
}

exports.default = passwordResetOutbox;
exports.config = {
  event: "customer.password_reset",
  context: { subscriberId: "patron-test-password-reset-outbox" },
};
