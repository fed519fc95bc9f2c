/* geographies.c - the table of CloudFront viewer geographies (geographies.h). */
#include "geographies.h"

#define GEOGRAPHY(g, label)                                                                       \
  [CF_##g] = { CF_ID_##g, "data out to viewers (" label ")", "HTTPS requests (" label ")",        \
               "HTTP requests (" label ")", "data out to origin (" label ")" }

const CfGeography cf_geographies[CF_GEOGRAPHY_COUNT] = {
  GEOGRAPHY (NORTH_AMERICA, "US/Mexico/Canada"),
  GEOGRAPHY (EUROPE, "Europe/Israel"),
  GEOGRAPHY (AFRICA_MIDDLE_EAST, "Africa/Middle East"),
  GEOGRAPHY (SOUTH_AMERICA, "South America"),
  GEOGRAPHY (JAPAN, "Japan"),
  GEOGRAPHY (AUSTRALIA, "Australia/NZ"),
  GEOGRAPHY (ASIA_PACIFIC, "Asia Pacific"),
  GEOGRAPHY (INDIA, "India"),
};

const char *
cf_geography_list (void)
{
  return CF_ID_NORTH_AMERICA ", " CF_ID_EUROPE ", " CF_ID_AFRICA_MIDDLE_EAST ", " CF_ID_SOUTH_AMERICA ", " CF_ID_JAPAN
         ", " CF_ID_AUSTRALIA ", " CF_ID_ASIA_PACIFIC ", " CF_ID_INDIA;
}
