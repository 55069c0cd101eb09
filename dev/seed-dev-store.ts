import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"

export type SeedResult = {
  region_id: string
  sales_channel_id: string
  publishable_key: string
  product_id: string
  variant_id: string
  shipping_option_id: string
  price: number
}

const NAMES = {
  region: "Indonesia",
  channel: "Toko Contoh",
  key: "Toko Contoh storefront",
  location: "Gudang Jakarta",
  fulfillmentSet: "Pengiriman Indonesia",
  shippingOption: "Reguler",
  product: "kaos-contoh",
}

/** Price of the seeded product, whole rupiah. */
export const SEED_PRICE = 150_000

/**
 * A small Indonesian store: an IDR region with Moota enabled, a product, shipping and a publishable
 * key. Idempotent: every piece is looked up by name first, so the dev store can seed on every start.
 */
export async function seedDevStore(container: MedusaContainer): Promise<SeedResult> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const regionModule = container.resolve(Modules.REGION)
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const stockLocationModule = container.resolve(Modules.STOCK_LOCATION)
  const storeModule = container.resolve(Modules.STORE)
  const productModule = container.resolve(Modules.PRODUCT)

  let [channel] = await salesChannelModule.listSalesChannels({ name: NAMES.channel })
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: NAMES.channel }] },
    })
    channel = result[0]
  }

  const [store] = await storeModule.listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "Toko Contoh",
        supported_currencies: [{ currency_code: "idr", is_default: true }],
        default_sales_channel_id: channel.id,
      },
    },
  })

  let [region] = await regionModule.listRegions({ name: NAMES.region })
  if (!region) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: [
          {
            name: NAMES.region,
            currency_code: "idr",
            countries: ["id"],
            payment_providers: ["pp_moota_moota", "pp_system_default"],
          },
        ],
      },
    })
    region = result[0]
    await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "id", provider_id: "tp_system" }] })
  }

  let [key] = await apiKeyModule.listApiKeys({ title: NAMES.key, type: "publishable" })
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: NAMES.key, type: "publishable", created_by: "" }] },
    })
    key = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })
  }

  let [location] = await stockLocationModule.listStockLocations({ name: NAMES.location })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: NAMES.location, address: { city: "Jakarta", country_code: "ID", address_1: "Jl. Contoh 1" } }] },
    })
    location = result[0]
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } })
  }

  let [profile] = await fulfillmentModule.listShippingProfiles({ type: "default" })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0]
  }

  let [fulfillmentSet] = await fulfillmentModule.listFulfillmentSets(
    { name: NAMES.fulfillmentSet },
    { relations: ["service_zones"] }
  )
  if (!fulfillmentSet) {
    fulfillmentSet = await fulfillmentModule.createFulfillmentSets({
      name: NAMES.fulfillmentSet,
      type: "shipping",
      service_zones: [{ name: "Indonesia", geo_zones: [{ country_code: "id", type: "country" }] }],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
    })
  }

  let [option] = await fulfillmentModule.listShippingOptions({ name: NAMES.shippingOption })
  if (!option) {
    const { result } = await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: NAMES.shippingOption,
          price_type: "flat",
          provider_id: "manual_manual",
          service_zone_id: fulfillmentSet.service_zones[0].id,
          shipping_profile_id: profile.id,
          type: { label: "Reguler", description: "2-4 hari kerja", code: "reguler" },
          prices: [
            { currency_code: "idr", amount: 15_000 },
            { region_id: region.id, amount: 15_000 },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
    option = result[0]
  }

  let [product] = await productModule.listProducts({ handle: NAMES.product })
  if (!product) {
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: [
          {
            title: "Kaos Contoh",
            handle: NAMES.product,
            status: "published",
            shipping_profile_id: profile.id,
            options: [{ title: "Ukuran", values: ["M"] }],
            variants: [
              {
                title: "M",
                sku: "KAOS-CONTOH-M",
                options: { Ukuran: "M" },
                manage_inventory: false,
                prices: [{ amount: SEED_PRICE, currency_code: "idr" }],
              },
            ],
            sales_channels: [{ id: channel.id }],
          },
        ],
      },
    })
    product = result[0]
  }
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id"],
    filters: { product_id: product.id },
  })

  return {
    region_id: region.id,
    sales_channel_id: channel.id,
    publishable_key: key.token,
    product_id: product.id,
    variant_id: variants[0].id,
    shipping_option_id: option.id,
    price: SEED_PRICE,
  }
}

/** `medusa exec ./dev/seed-dev-store.ts`: seeds and prints the result as one JSON line. */
export default async function seed({ container }: ExecArgs): Promise<void> {
  const result = await seedDevStore(container)
  process.stdout.write(`SEED_RESULT ${JSON.stringify(result)}\n`)
}
