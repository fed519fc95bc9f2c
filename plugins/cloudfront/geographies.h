/* geographies.h - CloudFront's viewer geographies: the key segment of their
 * prices (cloudfront.out.<id>.gb), the name AWS's pricing page gives them,
 * and the labels of their line items.  One table, so the parameters, the
 * keys and the lines cannot disagree. */
#pragma once

#include <glib.h>

typedef enum {
  CF_NORTH_AMERICA, CF_EUROPE, CF_AFRICA_MIDDLE_EAST, CF_SOUTH_AMERICA, CF_JAPAN, CF_AUSTRALIA, CF_ASIA_PACIFIC,
  CF_INDIA, CF_GEOGRAPHY_COUNT
} CfGeographyId;

/* Id and name of each geography, for the parameter table (string literals). */
#define CF_ID_NORTH_AMERICA "north_america"
#define CF_NAME_NORTH_AMERICA "United States, Mexico and Canada"
#define CF_ID_EUROPE "europe"
#define CF_NAME_EUROPE "Europe and Israel"
#define CF_ID_AFRICA_MIDDLE_EAST "africa_middle_east"
#define CF_NAME_AFRICA_MIDDLE_EAST "South Africa, Kenya, Nigeria and Middle East"
#define CF_ID_SOUTH_AMERICA "south_america"
#define CF_NAME_SOUTH_AMERICA "South America"
#define CF_ID_JAPAN "japan"
#define CF_NAME_JAPAN "Japan"
#define CF_ID_AUSTRALIA "australia"
#define CF_NAME_AUSTRALIA "Australia and New Zealand"
#define CF_ID_ASIA_PACIFIC "asia_pacific"
#define CF_NAME_ASIA_PACIFIC "Hong Kong, Indonesia, Malaysia, Philippines, Singapore, South Korea, Taiwan, Thailand, Vietnam"
#define CF_ID_INDIA "india"
#define CF_NAME_INDIA "India"

typedef struct {
  const char *id;                 /* "australia" */
  const char *out_item, *https_item, *http_item, *origin_item;
} CfGeography;

extern const CfGeography cf_geographies[CF_GEOGRAPHY_COUNT];

/* "north_america, europe, ...": the ids, for error messages. */
const char *cf_geography_list (void);
