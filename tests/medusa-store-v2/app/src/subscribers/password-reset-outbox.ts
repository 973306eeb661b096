// Test store "mailer", as in the v1 store: for every auth.password_reset event
// ({entity_id: <email>, actor_type, token}), emitted by
// POST /auth/customer/emailpass/reset-password, one email into $MEDUSA_OUTBOX_DIR with the
// link patron://reset-password?email=…&token=… and one line in its outbox.jsonl
// (../../../../medusa-common/reset-mail.js, shared with the v1 store). Only customers'
// resets are mailed (an admin user's has actor_type "user").
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

// plain JS, outside this project: required, not imported
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { writeResetMail } = require("../../../../medusa-common/reset-mail.js")

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
  writeResetMail(dir, { email, token, name }, { email, token, actor_type: data.actor_type })
}

export const config: SubscriberConfig = {
  event: "auth.password_reset",
  context: { subscriberId: "patron-test-password-reset-outbox" },
}
