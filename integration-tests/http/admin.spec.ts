import { mootaHttpSuite } from "../helpers/suite"
import { adminSpec } from "./admin/context"
import { authenticationTests } from "./admin/authentication"
import { settingsPageTests } from "./admin/settings"
import { orderWidgetTests } from "./admin/order-widget"
import { reviewQueueTests } from "./admin/review-queue"

jest.setTimeout(180_000)

// The admin API, one file per area under ./admin, on one app boot: each spec file boots its own
// Medusa app (20-40 s), so the areas share this one instead of adding a boot each.
mootaHttpSuite({}, (suite) => {
  const spec = adminSpec(suite)
  authenticationTests(spec)
  settingsPageTests(spec)
  orderWidgetTests(spec)
  reviewQueueTests(spec)
})
