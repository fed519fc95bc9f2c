/* db-classes.c - see db-classes.h. */
#include "db-classes.h"

#include <string.h>

#define DB_CLASS_ROW(name, vcpu, memory, baseline) { name, vcpu, memory, baseline },
static const DbClass classes[] = { DB_CLASSES (DB_CLASS_ROW) };

const DbClass *
db_class_find (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i].name, name) == 0)
      return &classes[i];
  return NULL;
}

gboolean
db_class_burstable (const DbClass *cls)
{
  return cls->baseline > 0;
}

void
db_class_key (const DbClass *cls, char *key, gsize size)
{
  g_strlcpy (key, cls->name, size);
  g_strdelimit (key, ".", '_');
}

void
db_class_credit_key (const DbClass *cls, char *key, gsize size)
{
  const char *family = strchr (cls->name, '.') + 1;   /* "t4g.micro" */
  int length = (int) (strchr (family, '.') - family);
  g_snprintf (key, size, "rds.cpu_credit.%.*s_vcpu_hour", length, family);
}
