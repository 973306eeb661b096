// Medusa v2 config for Patron's test store (../start.sh sets the environment).
// No Redis: the defaults are the in-process event bus, cache, workflow engine and
// locking. No admin dashboard. Bound to 127.0.0.1 by `medusa start -H` in start.sh.
import { defineConfig } from "@medusajs/framework/utils"

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    databaseLogging: false,
    http: {
      storeCors: process.env.STORE_CORS || "http://127.0.0.1:8000",
      adminCors: process.env.ADMIN_CORS || "http://127.0.0.1:7001",
      authCors: process.env.AUTH_CORS || "http://127.0.0.1:8000",
      jwtSecret: process.env.JWT_SECRET || "test-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET || "test-cookie-secret",
    },
    // `medusa start` sets NODE_ENV=production, which makes the session cookie
    // Secure (never sent over plain http): this is a loopback test server.
    cookieOptions: { secure: false, sameSite: "lax" },
  },
  admin: { disable: true },
})
