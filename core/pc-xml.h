/* pc-xml.h - phasecast's safe XML reader, for applications that show an
 * input file as phasecast reads it (the report page's assumptions).  Files
 * are parsed with no network access; a DOCTYPE is refused before any text
 * is read, so entities can neither read files nor expand; input must be
 * UTF-8 and, when @schema_name is given, valid against that RelaxNG schema
 * of data/schema/. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#ifndef PC_API
#define PC_API extern
#endif

/* Returns: (transfer full): the document, or NULL with @error naming
 * file:line and what was expected. */
PC_API xmlDoc *pc_xml_load (const char *path, const char *schema_name, GError **error);
/* Whether @node is the element @name. */
PC_API gboolean pc_xml_is (const xmlNode *node, const char *name);
/* Attribute @name of @node (transfer full, nullable). */
PC_API char *pc_xml_attr (const xmlNode *node, const char *name);
/* The text content of @node, trimmed (transfer full). */
PC_API char *pc_xml_text (const xmlNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
