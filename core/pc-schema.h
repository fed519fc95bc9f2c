/* pc-schema.h - RelaxNG schemas read as data, to explain a refusal
 * (schema-model.c: what an element allows; schema-values.c: checking and
 * describing one attribute's value; schema-explain.c: the document walk). */
#pragma once

#include "pc-private.h"

typedef struct {
  xmlDoc *rng;
  GHashTable *defines;        /* name -> <define> node */
  GHashTable *elements;       /* name -> GPtrArray of <element> nodes */
  GHashTable *compiled;       /* <attribute> node -> its one-attribute xmlRelaxNG* (schema-values.c) */
} PcSchema;

typedef struct {
  char *name;                 /* NULL: any name (anyName) except those in @except */
  GPtrArray *except;          /* char* */
  const xmlNode *pattern;     /* the <attribute> element */
  gboolean required;          /* not under optional, choice or zeroOrMore */
} PcAttrSpec;

/* A <choice> an element must satisfy whose alternatives each start with
 * one attribute or element (a <price> has usd= or <tier> elements). */
typedef struct {
  GPtrArray *attrs;           /* char*: the alternatives' attribute names */
  GPtrArray *elements;        /* char*: their element names */
} PcChoiceSpec;

typedef struct {
  GPtrArray *attrs;           /* PcAttrSpec* */
  GPtrArray *children;        /* char*: child element names, schema order, unique */
  GPtrArray *required;        /* char*: those that must appear */
  GPtrArray *choices;         /* PcChoiceSpec*: required choices, besides @required */
} PcElementSpec;

/* ---- schema-model.c ---- */
gboolean pc_schema_load (PcSchema *schema, const char *rng_path);
void pc_schema_clear (PcSchema *schema);
gboolean pc_schema_is (const xmlNode *node, const char *name);
/* The <define> a <ref> names, or NULL. */
const xmlNode *pc_schema_define (const PcSchema *schema, const xmlNode *ref);
/* What every definition of element @name allows; FALSE when it has none. */
gboolean pc_schema_element (const PcSchema *schema, const char *name, PcElementSpec *spec);
void pc_element_spec_clear (PcElementSpec *spec);
/* The spec of attribute @name in @spec (or its anyName), or NULL. */
const PcAttrSpec *pc_element_spec_attr (const PcElementSpec *spec, const char *name);

/* ---- schema-values.c ---- */
/* Whether libxml2 accepts @value for the attribute pattern @spec. */
gboolean pc_schema_value_ok (const PcSchema *schema, const PcAttrSpec *spec, const char *value);
/* Returns: (transfer full): "allowed: ..." for @spec's values, with a
 * nearest-name suggestion for @value when the values are a list. */
char *pc_schema_describe (const PcSchema *schema, const PcAttrSpec *spec, const char *value);
