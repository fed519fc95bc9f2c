/* pc-error.h - GError domains of libphasecast, one per subsystem.
 * Messages are full sentences that start with "file:line: " where a file is
 * involved.  The plugin domain lives in pc-plugin.h, since plugins use it. */
#pragma once

#include "pc-plugin.h"

G_BEGIN_DECLS

#define PC_INPUT_ERROR (pc_input_error_quark ())
PC_API GQuark pc_input_error_quark (void);
typedef enum {
  PC_INPUT_ERROR_IO,          /* unreadable file */
  PC_INPUT_ERROR_PARSE,       /* not well-formed XML, or not UTF-8 */
  PC_INPUT_ERROR_UNSAFE,      /* DOCTYPE or entities: refused outright */
  PC_INPUT_ERROR_SCHEMA,      /* does not match the RelaxNG schema */
  PC_INPUT_ERROR_VALUE,       /* a value out of range or malformed */
  PC_INPUT_ERROR_UNKNOWN_REF, /* names a plugin, parameter, metric... that does not exist */
  PC_INPUT_ERROR_FAILED,
} PcInputError;

#define PC_RUN_ERROR (pc_run_error_quark ())
PC_API GQuark pc_run_error_quark (void);
typedef enum {
  PC_RUN_ERROR_STEP,          /* a plugin failed at some month */
  PC_RUN_ERROR_NUMERIC,       /* a non-finite cost or metric */
  PC_RUN_ERROR_FAILED,
} PcRunError;

#define PC_EXPORT_ERROR (pc_export_error_quark ())
PC_API GQuark pc_export_error_quark (void);
typedef enum {
  PC_EXPORT_ERROR_EXISTS,     /* refusing to overwrite */
  PC_EXPORT_ERROR_IO,
  PC_EXPORT_ERROR_SQLITE,
  PC_EXPORT_ERROR_FAILED,
} PcExportError;

G_END_DECLS
