/* fuzz-common.h - what the libFuzzer targets share (fuzz-common.c). */
#pragma once

#include "phasecast.h"

#include <stddef.h>
#include <stdint.h>

/* Writes @data to this process's input file and returns its path. */
const char *pc_fuzz_input (const uint8_t *data, size_t size);
/* The oracle for a refusal: a load that failed must say why in one line
 * that starts with the file's path; anything else aborts (a finding). */
void pc_fuzz_check_refusal (const char *path, gboolean loaded, const GError *error);
