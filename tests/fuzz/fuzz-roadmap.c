/* fuzz-roadmap.c - libFuzzer target: the roadmap loader and the model
 * built from it alone (as `phasecast validate` does): every plugin named
 * is loaded and created with the settings the input gives it, priced in
 * ap-southeast-2.  The plugins are loaded once per process. */
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static PcHost *host;
  if (host == NULL)
    host = pc_host_new (NULL);
  const char *path = pc_fuzz_input (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = pc_model_new_for_roadmap (path, "ap-southeast-2", host, &error);
  pc_fuzz_check_refusal (path, model != NULL, error);
  return 0;
}
