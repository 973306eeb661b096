// Test store "mailer", as in the v1 store (../../../medusa-store/app/dist/subscribers/):
// for every auth.password_reset event ({entity_id: <email>, actor_type, token}),
// emitted by POST /auth/customer/emailpass/reset-password, write one RFC 822-style
// email into $MEDUSA_OUTBOX_DIR as <ISO time, ':' -> '-'>-<counter>.eml (written to
// a dot-.tmp file first, then renamed, so a reader never sees a partial file) with
// the link patron://reset-password?email=<enc>&token=<enc> on its own line and a
// "Token: <token>" line, and append the payload as one JSON line to outbox.jsonl.
// Only customers' resets are mailed (an admin user's would be actor_type "user").
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from "fs"
import { join } from "path"

let counter = 0

function resetLink(email: string, token: string): string {
  return "patron://reset-password?email=" + encodeURIComponent(email) +
    "&token=" + encodeURIComponent(token)
}

export default async function passwordResetOutbox({
  event: { data },
  container,
}: SubscriberArgs<{ entity_id: string; actor_type: string; token: string }>) {
  const dir = process.env.MEDUSA_OUTBOX_DIR
  if (!dir || !data || data.actor_type !== "customer") {
    return
  }
  const email = String(data.entity_id || "")
  const token = String(data.token || "")
  let name = ""
  try {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["first_name", "last_name"],
      filters: { email, has_account: true },
    })
    if (customers.length > 0) {
      name = [customers[0].first_name, customers[0].last_name].filter(Boolean).join(" ")
    }
  } catch {
    // the greeting without a name
  }
  mkdirSync(dir, { recursive: true })
  const now = new Date()
  counter += 1
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
  ].join("\n")
  const base = now.toISOString().replace(/:/g, "-") + "-" + counter
  const tmp = join(dir, "." + base + ".eml.tmp")
  writeFileSync(tmp, text)
  renameSync(tmp, join(dir, base + ".eml"))
  appendFileSync(join(dir, "outbox.jsonl"),
    JSON.stringify({ email, token, actor_type: data.actor_type, at: now.toISOString(), file: base + ".eml" }) + "\n")
}

export const config: SubscriberConfig = {
  event: "auth.password_reset",
  context: { subscriberId: "patron-test-password-reset-outbox" },
}
