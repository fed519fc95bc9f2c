/* fuzz-scenario.c - libFuzzer target: the scenario loader (parse, schema
 * and its explanation, attribute tables, growth and event checks). */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = pc_fuzz_input (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcScenario) scenario = pc_scenario_load (path, &error);
  pc_fuzz_check_refusal (path, scenario != NULL, error);
  return 0;
}
