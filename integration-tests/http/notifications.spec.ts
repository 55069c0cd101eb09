import { Modules } from "@medusajs/framework/utils"
import jsQR from "jsqr"
import { PNG } from "pngjs"
import { expireMootaReservations } from "../../src/jobs/moota-expire-reservations"
import { sendMootaPaymentReminders } from "../../src/jobs/moota-payment-reminders"
import { reconcileMootaMutations } from "../../src/jobs/moota-reconcile"
import { MOOTA_PAYMENT_CONFIRMED } from "../../src/lib/events"
import notifyOrderPlaced from "../../src/subscribers/moota-notify-order-placed"
import notifyPaymentConfirmed from "../../src/subscribers/moota-notify-payment-confirmed"
import { retryNotifications } from "../../src/notifications/send"
import { eventually, signed } from "../helpers/moota"
import { mootaHttpSuite } from "../helpers/suite"
import { recorder, resetRecorder } from "../notification-provider"
import { mutation, orderMoney, placeMootaOrder, postWebhook } from "../../test-kit"

jest.setTimeout(180_000)

const TEMPLATES = {
  awaitingPayment: "tpl-awaiting",
  paymentReceived: "tpl-paid",
  paymentReminder: "tpl-reminder",
  orderCanceled: "tpl-canceled",
  merchantFeed: "admin-ui",
  merchantEmail: "tpl-merchant",
}
const MERCHANT = "kasir@toko-contoh.test"
const MINUTE = 60_000

/** Time for a duplicate that should not come to show up if it were sent anyway. */
const settle = () => new Promise((r) => setTimeout(r, 800))

// Read by medusa-config when the app boots (the runner's own `env` is applied after the config loads).
const ENV = {
  // E-mail through the recording provider; the admin feed through Medusa's local provider.
  MOOTA_NOTIFICATION_PROVIDER: "recording",
  MOOTA_OPTIONS_JSON: JSON.stringify({
    storeName: "Toko Contoh",
    notifications: { templates: TEMPLATES, merchantEmail: MERCHANT, reminderMinutesBefore: 180 },
  }),
}
beforeAll(() => {
  Object.assign(process.env, ENV)
})
afterAll(() => {
  for (const key of Object.keys(ENV)) {
    delete process.env[key]
  }
})

mootaHttpSuite({}, ({ store, api: http, base, container: getContainer, moota, sandbox, withOptions }) => {
  const sent = (template: string) => recorder().sent.filter((n) => n.template === template)
  const waitSent = (template: string, count = 1) =>
    eventually(async () => (sent(template).length >= count ? sent(template) : null))
  const logRows = async (status?: string) => await moota().listMootaNotificationLogs(status ? { status: status as any } : {})
  const paid = (orderId: string) =>
    eventually(async () => ((await orderMoney(store, orderId)).payment_status === "captured" ? true : null))
  const feed = async () => {
    const { data } = await http.get(`/admin/notifications?channel=feed&fields=id,to,channel,template,data,created_at`, store.adminHeaders)
    return data.notifications as any[]
  }

  beforeEach(async () => {
    resetRecorder()
  })

  it("sends the buyer the transfer instructions once when a Moota order is placed", async () => {
    const { order_id, session } = await placeMootaOrder(store)
    const [n] = await waitSent(TEMPLATES.awaitingPayment)
    const d = n.data as any
    const { data: admin } = await http.get(`/admin/orders/${order_id}?fields=display_id`, store.adminHeaders)

    expect(n).toEqual(expect.objectContaining({ to: "budi@example.com", channel: "email", template: TEMPLATES.awaitingPayment }))
    expect(d).toEqual(
      expect.objectContaining({
        message: "awaiting_payment",
        locale: "id",
        store_name: "Toko Contoh",
        order: { id: order_id, display_id: admin.order.display_id, email: "budi@example.com", customer_name: "Budi Santoso" },
      })
    )
    expect(d.payment).toEqual(
      expect.objectContaining({
        order_total: 165_000,
        order_total_formatted: "Rp165.000",
        transfer_amount: session.data.transfer_amount,
        transfer_amount_formatted: session.data.transfer_amount_formatted,
        unique_code: session.data.unique_code,
        expires_at: session.data.expires_at,
        expires_at_text: session.data.expires_at_text,
        received_amount: null,
        paid_at: null,
      })
    )
    expect(d.payment.accounts.map((a: any) => [a.bank, a.account_number, a.account_holder])).toEqual([
      ["BCA", "1234567890", "TOKO CONTOH"],
      ["Mandiri", "1370012345678", "TOKO CONTOH"],
      ["QRIS", null, "TOKO CONTOH"],
    ])
    expect(d.subject).toBe(`Menunggu pembayaran pesanan #${admin.order.display_id}`)
    expect(d.text).toContain(`transfer tepat ${session.data.transfer_amount_formatted} sebelum ${session.data.expires_at_text.id}`)
    expect(d.text).toContain("- BCA 1234567890 a.n. TOKO CONTOH")
    // No `content`: a provider such as SendGrid would send it instead of the template.
    expect(n.content ?? null).toBeNull()

    // The QRIS image is the checkout's dynamic QRIS (amount inside), also attached inline.
    const qris = d.payment.accounts[2]
    expect(qris.qris_payload).toBe(session.data.accounts[2].qris_payload)
    const png = PNG.sync.read(Buffer.from(qris.qris_image.replace(/^data:image\/png;base64,/, ""), "base64"))
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(qris.qris_payload)
    expect(n.attachments).toEqual([
      expect.objectContaining({ id: "qris-qrisSandbox1", content_type: "image/png", disposition: "inline", filename: "qris-qrisSandbox1.png" }),
    ])

    await settle()
    expect(sent(TEMPLATES.awaitingPayment)).toHaveLength(1)
    expect(await logRows()).toEqual([
      expect.objectContaining({ key: `awaiting_payment:${order_id}:email`, status: "sent", attempts: 1, event: "order.placed" }),
    ])
    // Linked for the reminder job.
    expect((await moota().getReservationBySession(session.id))?.order_id).toBe(order_id)
  })

  it("tells the buyer the payment arrived, once, however often the events are delivered", async () => {
    const { order_id, session } = await placeMootaOrder(store)
    await waitSent(TEMPLATES.awaitingPayment)
    const body = JSON.stringify([mutation({ amount: session.data.transfer_amount })])
    await Promise.all([postWebhook(base(), body, signed(body)), postWebhook(base(), body, signed(body))])
    await paid(order_id)
    const [n] = await waitSent(TEMPLATES.paymentReceived)
    expect(n.to).toBe("budi@example.com")
    expect((n.data as any).payment).toEqual(
      expect.objectContaining({
        received_amount: session.data.transfer_amount,
        received_amount_formatted: session.data.transfer_amount_formatted,
        paid_to: "BCA",
      })
    )
    expect((n.data as any).payment.paid_at).toEqual(expect.any(String))
    expect((n.data as any).subject).toMatch(/^Pembayaran pesanan #\d+ sudah diterima$/)

    // The same events again, at once, as a retrying bus or several workers would deliver them.
    const container = getContainer()
    const [inbox] = await moota().listMootaInboxMutations({})
    await Promise.all([
      ...Array.from({ length: 4 }, () =>
        notifyPaymentConfirmed({ event: { name: MOOTA_PAYMENT_CONFIRMED, data: { inbox_id: inbox.id, order_id } }, container } as any)
      ),
      ...Array.from({ length: 4 }, () =>
        notifyPaymentConfirmed({ event: { name: MOOTA_PAYMENT_CONFIRMED, data: { inbox_id: inbox.id, order_id: null } }, container } as any)
      ),
      ...Array.from({ length: 4 }, () => notifyOrderPlaced({ event: { name: "order.placed", data: { id: order_id } }, container } as any)),
    ])
    await settle()
    expect(sent(TEMPLATES.paymentReceived)).toHaveLength(1)
    expect(sent(TEMPLATES.awaitingPayment)).toHaveLength(1)
    expect(recorder().calls).toBe(2)
  })

  it("sends nothing for a message whose template is empty", async () => {
    await withOptions(
      (o) => {
        o.notifications.templates.awaitingPayment = ""
        o.notifications.templates.paymentReceived = ""
      },
      async () => {
        const { order_id, session } = await placeMootaOrder(store)
        await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
        await paid(order_id)
        await settle()
        expect(recorder().calls).toBe(0)
        expect(await logRows()).toEqual([])
        // The reservation is still linked, so a reminder could go out if its template were set.
        expect((await moota().getReservationBySession(session.id))?.order_id).toBe(order_id)
      }
    )
  })

  it("confirms the order while the provider fails, then delivers each message once on retry", async () => {
    recorder().failing = true
    const { order_id, session } = await placeMootaOrder(store)
    await eventually(async () => (await logRows("failed")).length === 1)
    await sandbox().receiveTransfer({ bank_id: "bcaSandbox01", amount: session.data.transfer_amount })
    await paid(order_id)
    expect(await orderMoney(store, order_id)).toEqual(expect.objectContaining({ payments: 1, captured: 165_000 }))
    const failed = await eventually(async () => {
      const rows = await logRows("failed")
      return rows.length === 2 ? rows : null
    })
    expect(failed.map((r) => r.last_error)).toEqual([expect.stringMatching(/recording provider is down/), expect.stringMatching(/recording provider is down/)])
    expect(recorder().sent).toHaveLength(0)

    // Before the pause after a failure has passed, nothing is retried.
    expect((await retryNotifications(getContainer())).retried).toBe(0)
    recorder().failing = false
    const retried = await retryNotifications(getContainer(), new Date(Date.now() + 2 * MINUTE))
    expect(retried).toEqual({ retried: 2, sent: 2, failed: 0 })
    expect(sent(TEMPLATES.awaitingPayment)).toHaveLength(1)
    expect(sent(TEMPLATES.paymentReceived)).toHaveLength(1)
    expect(await logRows("sent")).toHaveLength(2)
    expect((await retryNotifications(getContainer(), new Date(Date.now() + 120 * MINUTE))).retried).toBe(0)

    const held = await getContainer()
      .resolve(Modules.NOTIFICATION)
      .listNotifications({ channel: "email" }, { select: ["id", "status", "template"] })
    // One Notification Module record per attempt: the failed first ones, then the delivered ones.
    expect(held.map((h) => h.status).sort()).toEqual(["failure", "failure", "success", "success"])
  })

  it("stops retrying a message after maxAttempts", async () => {
    recorder().failing = true
    await placeMootaOrder(store)
    await eventually(async () => (await logRows("failed")).length === 1)
    let t = Date.now()
    for (let i = 0; i < 6; i++) {
      t += 61 * MINUTE
      await retryNotifications(getContainer(), new Date(t))
    }
    const [row] = await logRows()
    expect(row).toEqual(expect.objectContaining({ status: "failed", attempts: 5 }))
    expect(recorder().calls).toBe(5)
  })

  it("reminds the buyer once when the deadline comes within the window", async () => {
    const { session } = await placeMootaOrder(store)
    await waitSent(TEMPLATES.awaitingPayment)
    const deadline = new Date(session.data.expires_at).getTime()

    expect((await sendMootaPaymentReminders(getContainer(), new Date(deadline - 200 * MINUTE))).reminded).toBe(0)
    const results = await Promise.all(
      [170, 170, 170].map((m) => sendMootaPaymentReminders(getContainer(), new Date(deadline - m * MINUTE)))
    )
    expect(results.reduce((sum, r) => sum + r.reminded, 0)).toBe(1)
    expect((await sendMootaPaymentReminders(getContainer(), new Date(deadline - 30 * MINUTE))).reminded).toBe(0)

    const [n] = sent(TEMPLATES.paymentReminder)
    expect(sent(TEMPLATES.paymentReminder)).toHaveLength(1)
    expect(n.to).toBe("budi@example.com")
    expect(n.data).toEqual(
      expect.objectContaining({
        message: "payment_reminder",
        payment: expect.objectContaining({ transfer_amount: session.data.transfer_amount, expires_at: session.data.expires_at }),
      })
    )
    expect((n.data as any).subject).toContain(session.data.expires_at_text.id)
  })

  it("tells the buyer an order canceled for non-payment that nothing was charged, and only then", async () => {
    const unpaid = await placeMootaOrder(store)
    const byMerchant = await placeMootaOrder(store)
    await waitSent(TEMPLATES.awaitingPayment, 2)
    await http.post(`/admin/orders/${byMerchant.order_id}/cancel`, {}, store.adminHeaders)
    await eventually(async () => (await moota().getReservationBySession(byMerchant.session.id))?.status === "quarantined")

    const result = await expireMootaReservations(getContainer(), new Date(Date.now() + 25 * 3_600_000))
    expect(result.canceled).toBe(1)
    const [n] = await waitSent(TEMPLATES.orderCanceled)
    expect(n.data).toEqual(
      expect.objectContaining({ message: "order_canceled", order: expect.objectContaining({ id: unpaid.order_id }) })
    )
    expect((n.data as any).text).toContain("Tidak ada dana yang ditarik dari Anda.")
    await settle()
    expect(sent(TEMPLATES.orderCanceled)).toHaveLength(1)
  })

  it("shows a transfer put in review in the admin's notification feed, and e-mails the merchant", async () => {
    const { order_id, session } = await placeMootaOrder(store)
    const body = JSON.stringify([mutation({ amount: session.data.transfer_amount + 1 })])
    await postWebhook(base(), body, signed(body))
    const [item] = await eventually(async () => {
      const items = await feed()
      return items.length ? items : null
    })
    const { data: admin } = await http.get(`/admin/orders/${order_id}?fields=display_id`, store.adminHeaders)
    expect(item).toEqual(expect.objectContaining({ to: "", channel: "feed", template: "admin-ui" }))
    expect(item.data).toEqual(
      expect.objectContaining({
        title: "Transfer Moota perlu ditinjau",
        alert: "review_created",
        reason: "unmatched",
        amount: session.data.transfer_amount + 1,
        bank: "BCA",
      })
    )
    expect(item.data.description).toContain(`Rp${(session.data.transfer_amount + 1).toLocaleString("de-DE")} ke BCA`)
    expect(admin.order.display_id).toEqual(expect.any(Number))

    const [mail] = await waitSent(TEMPLATES.merchantEmail)
    expect(mail).toEqual(expect.objectContaining({ to: MERCHANT, channel: "email" }))
    expect(mail.data).toEqual(item.data)

    // Delivered again: the inbox stores it once, and no second alert appears.
    await postWebhook(base(), body, signed(body))
    await settle()
    expect(await feed()).toHaveLength(1)
    expect(sent(TEMPLATES.merchantEmail)).toHaveLength(1)
  })

  it("writes merchant alerts in merchantLocale, whatever the buyers' language", async () => {
    await withOptions(
      (o) => {
        o.notifications.merchantLocale = "en"
      },
      async () => {
        const { session } = await placeMootaOrder(store)
        const body = JSON.stringify([mutation({ amount: session.data.transfer_amount + 1 })])
        await postWebhook(base(), body, signed(body))
        const [item] = await eventually(async () => {
          const items = await feed()
          return items.length ? items : null
        })
        expect(item.data).toEqual(expect.objectContaining({ title: "Moota transfer needs review", locale: "en" }))
        expect(item.data.description).toContain("review it in the Moota queue")
      }
    )
    // The buyer still reads the store's language.
    const [instructions] = await waitSent(TEMPLATES.awaitingPayment)
    expect((instructions.data as any).locale).toBe("id")
  })

  it("answers a Moota alert in the bell in the dashboard's language, and as settled once the transfer is dismissed (issue 26)", async () => {
    const { session } = await placeMootaOrder(store)
    const amount = session.data.transfer_amount + 1
    const body = JSON.stringify([mutation({ amount })])
    await postWebhook(base(), body, signed(body))
    const bell = async (lng?: string) => {
      const headers = { ...store.adminHeaders.headers, ...(lng ? { cookie: `lng=${lng}` } : {}) }
      const { data } = await http.get(`/admin/notifications?channel=feed&fields=id,data`, { headers })
      return data.notifications as any[]
    }
    await eventually(async () => ((await bell()).length ? true : null))
    // merchantLocale is Indonesian; an admin whose dashboard is in English reads English.
    const [en] = await bell("en")
    expect([en.data.title, en.data.description]).toEqual([
      "Moota transfer needs review",
      expect.stringContaining(`Rp${amount.toLocaleString("de-DE")} to BCA`),
    ])
    const [id] = await bell("id")
    expect(id.data.title).toBe("Transfer Moota perlu ditinjau")
    expect((await bell())[0].data.title).toBe("Transfer Moota perlu ditinjau")

    const itemId = en.data.review_item_id
    const { status } = await http.post(`/admin/moota/review-items/${itemId}/dismiss`, { note: "Owner's own top-up" }, store.adminHeaders)
    expect(status).toBe(200)
    const [settled] = await bell("en")
    expect([settled.data.title, settled.data.description]).toEqual(["Settled: Moota transfer dismissed", expect.stringMatching(/^Nothing left to do\. /)])
    expect((await bell("id"))[0].data.title).toBe("Sudah ditangani: transfer Moota diabaikan")
  })

  it("alerts the merchant once per interval when Moota refuses the token or a poll fails", async () => {
    await withOptions(
      (o) => {
        o.apiToken = "not-the-token"
      },
      async () => {
        await reconcileMootaMutations(getContainer())
        await eventually(async () => (await feed()).length === 1)
        await reconcileMootaMutations(getContainer())
        await settle()
      }
    )
    await withOptions(
      (o) => {
        o.apiBaseUrl = `${sandbox().url}/not-moota`
      },
      async () => {
        await reconcileMootaMutations(getContainer())
        await eventually(async () => (await feed()).length === 2)
      }
    )
    const titles = (await feed()).map((n) => n.data.title).sort()
    expect(titles).toEqual(["Rekonsiliasi Moota gagal", "Token API Moota ditolak"])
    const failed = (await feed()).find((n) => n.data.alert === "reconcile_failed")
    expect(failed.data.failures.map((f: any) => f.bank_id).sort()).toEqual(["bcaSandbox01", "mandiriSbox1", "qrisSandbox1"])
  })

  it("warns the merchant once before a dated webhook secret expires", async () => {
    const expires = new Date(Date.now() + 3 * 86_400_000)
    await withOptions(
      (o) => {
        o.notifications.webhookSecretExpiresAt = expires.toISOString()
      },
      async () => {
        await sendMootaPaymentReminders(getContainer())
        await sendMootaPaymentReminders(getContainer())
      }
    )
    const items = await feed()
    expect(items).toHaveLength(1)
    expect(items[0].data).toEqual(
      expect.objectContaining({ alert: "credential_expiring", credential: "webhook_secret", title: "Secret webhook Moota segera berakhir" })
    )
    expect(sent(TEMPLATES.merchantEmail)).toHaveLength(1)
  })
})
