/* fuzz-catalog.c - libFuzzer target: the price catalog loader (sources,
 * prices, tiers, bounds), then every price of a loaded catalog costed. */
#include "fuzz-common.h"

#include "pc-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
cost_every_price (const PcCatalog *catalog)
{
  GHashTableIter iter;
  gpointer price;
  g_hash_table_iter_init (&iter, catalog->prices);
  while (g_hash_table_iter_next (&iter, NULL, &price)) {
    double usd = pc_price_cost (price, 1e15, 0) + pc_price_cost (price, 0.5, 24) + pc_price_unit_usd (price);
    if (!isfinite (usd) || usd < 0)
      abort ();   /* a price the bounds let through costs something absurd */
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = pc_fuzz_input (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcCatalog) catalog = pc_catalog_new ();
  gboolean loaded = pc_catalog_add_file (catalog, path, &error);
  pc_fuzz_check_refusal (path, loaded, error);
  if (loaded)
    cost_every_price (catalog);
  return 0;
}
