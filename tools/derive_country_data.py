#!/usr/bin/env python3
"""Derive ccsim's partner-country tables from the raw files in shared/data.

Usage:
    python3 tools/derive_country_data.py [DATA_DIR]

DATA_DIR defaults to ``../shared/data`` relative to the repository root (the
repository root is the parent of this script's directory).  Only the Python 3
standard library is used.  The script writes, into ``scenarios/data/``:

    countries.csv     one row per country (the 64 B&R partners, then extras)
    country_gdp.csv   long table of GDP, 2005-2023, years with data only
    agreements.csv    agreements with China, one row per country and kind
    zones.csv         Chinese overseas cooperation zones known to exist
    README.md         column dictionary, derivation rules, attributions

Output is deterministic: rows in a fixed order, numbers printed with a fixed
number of decimals, UTF-8, ``\\n`` line endings, no timestamps.  Running the
script twice gives identical bytes.

Derivation rules (also written into scenarios/data/README.md)
---------------------------------------------------------------
* gdp_usd_bn_2013, population_mn_2013: World Bank values for 2013 (gdp.csv,
  population.csv), divided by 1e9 and 1e6.  If 2013 is missing, the nearest
  year with a value is used (earlier year on a tie); if a country has no value
  at all, the median of its region (over countries that have a value) is used.
* gdp_growth_trend: average annual *nominal* growth of GDP in current US$ over
  2010-2019, as the geometric mean (GDP_last / GDP_first) ** (1 / (last -
  first)) - 1, where first and last are the earliest and latest years in
  2010-2019 that have a value (so a country with 2019 missing, e.g. Yemen, uses
  2010-2018).  If fewer than two years in 2010-2019 have data, the region
  median of the trend is used.  The result is clipped to [-0.02, 0.10].
* wgi_*: WGI estimate for 2013 (wgi_1996_2019.csv, Latin-1, looked up with the
  ``wgi_code`` column of br_countries_64.csv: Romania ROM, Timor-Leste TMP,
  Palestine WBG).  If 2013 is missing (``#N/A``, ``NA`` or empty) the nearest
  year with a value is used (earlier year on a tie); if the indicator has no
  value in any year, the region median of that indicator is used.
* gcdf_commitments_usd_bn, gcdf_interest_rate: AidData GCDF 3.0 total official
  commitments 2000-2021 (constant 2021 US$ bn) and the weighted interest rate
  (percent).  Countries absent from the file (high-income ones) get 0 and an
  empty interest rate; a reported ``NA`` rate is also left empty.  The interest
  rate is the only column that may be empty.
* resource_*: hand coded in RESOURCES below (coarse levels 0 / 0.5 / 1).
* agreements and zones: hand coded in AGREEMENTS and ZONES below from the seed
  documents' counts and the public record; the ``basis`` column says which
  rows are firm and which are assumed to fit a document's count.

Validation: before anything is written the script checks that all 64 partner
countries are present, that no cell is empty (except gcdf_interest_rate), that
the agreement counts pinned by document 004 hold (end-2016, among the 64: 53
BIT, 54 DTT, 22 currency swap, 26 bank-branch countries), the capacity-MoU
schedule of documents 002/004, the standards rows of document 001, and the
zone sector keys.  On any failure it prints every problem to stderr and exits
with status 1 without writing.
"""

import csv
import io
import math
import os
import sys

# ---------------------------------------------------------------------------
# Fixed definitions
# ---------------------------------------------------------------------------

REGION_NAMES = {
    "Mongolia & Russia": "Mongolia & Russia",
    "Southeast Asia": "Southeast Asia",
    "South Asia": "South Asia",
    "West Asia & North Africa": "West Asia & North Africa",
    "Central & Eastern Europe": "Central & Eastern Europe",
    "Central Asia": "Central Asia",
    "CIS other": "CIS other",
    "other CIS": "CIS other",
    "Other CIS": "CIS other",
}
REGION_AFRICA = "Africa (outside the 64)"
REGION_LATAM = "Latin America (outside the 64)"

# Countries outside the 64 that the documents name (001: Ethiopia, Kenya and
# Cuba; 004: South Africa), plus Brazil, one of the "other countries" of
# document 004 with a capacity-cooperation framework agreement (May 2015).
EXTRA_COUNTRIES = [
    # iso3, name, region, wgi code
    ("ETH", "Ethiopia", REGION_AFRICA, "ETH"),
    ("KEN", "Kenya", REGION_AFRICA, "KEN"),
    ("ZAF", "South Africa", REGION_AFRICA, "ZAF"),
    ("CUB", "Cuba", REGION_LATAM, "CUB"),
    ("BRA", "Brazil", REGION_LATAM, "BRA"),
]

WGI_INDICATORS = [
    ("wgi_political_stability", "PoliticalStability"),
    ("wgi_regulatory_quality", "RegulatoryQuality"),
    ("wgi_rule_of_law", "RuleofLaw"),
    ("wgi_government_effectiveness", "GovernmentEffectiveness"),
    ("wgi_control_of_corruption", "ControlofCorruption"),
]

COUNTRY_COLUMNS = [
    "iso3", "name", "region", "br64", "gdp_usd_bn_2013", "population_mn_2013",
    "gdp_growth_trend",
] + [c for c, _ in WGI_INDICATORS] + [
    "gcdf_commitments_usd_bn", "gcdf_interest_rate",
    "resource_oil_gas", "resource_metals", "resource_nonmetallic",
]

BASE_YEAR = 2013
TREND_FIRST, TREND_LAST = 2010, 2019
TREND_MIN, TREND_MAX = -0.02, 0.10
GDP_TABLE_FIRST, GDP_TABLE_LAST = 2005, 2023

SECTOR_KEYS = {
    "steel", "nonferrous", "building_materials", "chemicals", "machinery_rail",
    "automotive", "ict", "new_energy", "light_manufacturing", "mixed",
}
AGREEMENT_KINDS = ["capacity_mou", "bit", "dtt", "currency_swap", "bank_branch",
                   "standards"]

# ---------------------------------------------------------------------------
# Resource endowment (hand coded; COARSE)
# ---------------------------------------------------------------------------
# (oil_gas, metals, nonmetallic) on three levels: 0 = little or no production,
# 0.5 = a moderate producer / one notable deposit, 1 = a major producer or
# exporter.  Public basis: oil & gas - OPEC membership and the larger oil/gas
# producers in the BP/Energy Institute Statistical Review of World Energy;
# metal ores (iron, copper, nickel, bauxite, chromite, gold, ...) and
# non-metallic minerals (limestone/cement raw materials, clay/kaolin,
# phosphate, potash, boron, gypsum, soda ash, ...) - the country chapters and
# commodity tables of the USGS Mineral Commodity Summaries and USGS Minerals
# Yearbook.  These are deliberately coarse codings made by hand from that
# public picture, not measurements: they order countries roughly (none /
# some / major) and should be treated as such.  Coal is not counted.
RESOURCES = {
    # Mongolia & Russia
    "MNG": (0.0, 1.0, 0.5),   # copper, gold, iron ore; fluorspar
    "RUS": (1.0, 1.0, 1.0),
    # Southeast Asia
    "IDN": (1.0, 1.0, 0.5),   # gas/oil (ex-OPEC); nickel, tin, copper, bauxite
    "THA": (0.5, 0.0, 0.5),   # gas; gypsum, limestone
    "MYS": (1.0, 0.5, 0.5),   # oil & LNG; tin, bauxite
    "VNM": (0.5, 0.5, 0.5),   # offshore oil; bauxite, rare earths; limestone
    "SGP": (0.0, 0.0, 0.0),
    "PHL": (0.0, 1.0, 0.5),   # nickel, copper, gold
    "MMR": (0.5, 0.5, 0.5),   # gas; tin, tungsten; gems/jade
    "KHM": (0.0, 0.0, 0.5),   # limestone
    "LAO": (0.0, 0.5, 0.5),   # copper, gold; potash
    "BRN": (1.0, 0.0, 0.0),
    "TLS": (0.5, 0.0, 0.0),   # offshore gas
    # South Asia
    "IND": (0.5, 1.0, 1.0),   # iron ore, bauxite, chromite; limestone etc.
    "PAK": (0.5, 0.5, 0.5),   # gas; copper; salt, gypsum, limestone
    "BGD": (0.5, 0.0, 0.0),   # gas
    "LKA": (0.0, 0.0, 0.5),   # graphite, mineral sands
    "AFG": (0.0, 0.5, 0.5),   # copper, iron ore deposits
    "NPL": (0.0, 0.0, 0.0),
    "MDV": (0.0, 0.0, 0.0),
    "BTN": (0.0, 0.0, 0.5),   # dolomite, gypsum
    # West Asia & North Africa
    "SAU": (1.0, 0.5, 1.0),   # oil; gold, copper; phosphate
    "ARE": (1.0, 0.0, 0.0),
    "OMN": (1.0, 0.5, 0.5),   # copper, chromite; gypsum, limestone
    "IRN": (1.0, 1.0, 1.0),   # copper, iron ore, zinc; gypsum, cement rock
    "TUR": (0.0, 1.0, 1.0),   # chromite, copper, iron; boron, marble, feldspar
    "ISR": (0.5, 0.0, 1.0),   # offshore gas; potash, bromine, phosphate
    "EGY": (1.0, 0.5, 1.0),   # gas; gold, iron ore; phosphate
    "KWT": (1.0, 0.0, 0.0),
    "IRQ": (1.0, 0.0, 0.5),   # phosphate, sulphur
    "QAT": (1.0, 0.0, 0.0),
    "JOR": (0.0, 0.0, 1.0),   # phosphate, potash
    "LBN": (0.0, 0.0, 0.0),
    "BHR": (0.5, 0.0, 0.0),
    "YEM": (0.5, 0.0, 0.0),
    "SYR": (0.5, 0.0, 0.5),   # phosphate
    "PSE": (0.0, 0.0, 0.0),
    # Central & Eastern Europe
    "POL": (0.0, 1.0, 0.5),   # copper, silver; sulphur, salt
    "ROU": (0.5, 0.5, 0.5),
    "CZE": (0.0, 0.0, 0.5),   # kaolin
    "SVK": (0.0, 0.0, 0.5),   # magnesite
    "BGR": (0.0, 0.5, 0.5),   # copper; bentonite, limestone
    "HUN": (0.0, 0.0, 0.0),
    "LVA": (0.0, 0.0, 0.0),
    "LTU": (0.0, 0.0, 0.0),
    "SVN": (0.0, 0.0, 0.0),
    "EST": (0.5, 0.0, 0.0),   # oil shale
    "HRV": (0.0, 0.0, 0.0),
    "ALB": (0.5, 0.5, 0.0),   # oil; chromite
    "SRB": (0.0, 0.5, 0.0),   # copper (Bor)
    "MKD": (0.0, 0.5, 0.0),   # lead, zinc
    "BIH": (0.0, 0.5, 0.0),   # iron ore, bauxite
    "MNE": (0.0, 0.5, 0.0),   # bauxite
    # Central Asia
    "KAZ": (1.0, 1.0, 0.5),   # oil; copper, uranium, chromite; phosphate
    "UZB": (0.5, 1.0, 0.5),   # gas; gold, copper, uranium
    "TKM": (1.0, 0.0, 0.5),   # gas; sulphur, salt
    "KGZ": (0.0, 0.5, 0.0),   # gold
    "TJK": (0.0, 0.5, 0.0),   # antimony, gold, silver
    # CIS other
    "UKR": (0.5, 1.0, 0.5),   # iron ore, manganese; kaolin
    "BLR": (0.0, 0.0, 1.0),   # potash
    "GEO": (0.0, 0.5, 0.0),   # manganese, copper
    "AZE": (1.0, 0.0, 0.0),
    "ARM": (0.0, 0.5, 0.0),   # copper, molybdenum
    "MDA": (0.0, 0.0, 0.0),
    # extras
    "ETH": (0.0, 0.5, 0.5),   # gold; potash, limestone
    "KEN": (0.0, 0.0, 0.5),   # soda ash, fluorspar
    "ZAF": (0.0, 1.0, 1.0),   # PGMs, chromite, manganese, iron ore; phosphate
    "CUB": (0.5, 1.0, 0.0),   # oil; nickel, cobalt
    "BRA": (1.0, 1.0, 1.0),   # oil; iron ore, bauxite; phosphate, potash
}

# ---------------------------------------------------------------------------
# Agreements with China (hand coded)
# ---------------------------------------------------------------------------
# basis vocabulary: a row whose basis contains "public record" is firm as to
# the country (and, for pre-2013 rows, the year of signature to the best of
# the public record); a row whose basis contains "assumed" is a choice made so
# that the documents' counts come out, and the individual country or year is
# not certain.
FIRM = "doc004 count; public record"
ASSUMED = "assumed to fit doc count"

# Bilateral investment treaties, year of signature (UNCTAD IIA navigator /
# MOFCOM treaty list).  Document 004 pins 53 partner countries at end-2016.
# Not listed, so as to reach 53: Bhutan, Maldives, Nepal, Timor-Leste,
# Palestine, Iraq and Montenegro (no BIT with China known), and Brunei and
# Jordan (signed, not in force), Afghanistan and Yemen (status uncertain):
# the last four omissions are assumed to fit the count.
BIT = {
    "MNG": 1991, "RUS": 2006, "IDN": 1994, "THA": 1985, "MYS": 1988,
    "VNM": 1992, "SGP": 1985, "PHL": 1992, "MMR": 2001, "KHM": 1996,
    "LAO": 1993, "IND": 2006, "PAK": 1989, "BGD": 1996, "LKA": 1986,
    "SAU": 1996, "ARE": 1993, "OMN": 1995, "IRN": 2000, "TUR": 1990,
    "ISR": 1995, "EGY": 1994, "KWT": 1985, "QAT": 1999, "LBN": 1996,
    "BHR": 1999, "SYR": 1996, "POL": 1988, "ROU": 1994, "CZE": 2005,
    "SVK": 1991, "BGR": 1989, "HUN": 1991, "LVA": 2004, "LTU": 1993,
    "SVN": 1993, "EST": 1993, "HRV": 1993, "ALB": 1993, "SRB": 1995,
    "MKD": 1997, "BIH": 2002, "KAZ": 1992, "UZB": 1992, "TKM": 1992,
    "KGZ": 1992, "TJK": 1993, "UKR": 1992, "BLR": 1993, "GEO": 1993,
    "AZE": 1994, "ARM": 1992, "MDA": 1992,
}
BIT_ASSUMED = set()  # every listed BIT is on the public record

# Double-taxation treaties, year of signature (State Taxation Administration
# treaty list).  Document 004 pins 54 partner countries at end-2016.  Not
# listed: Myanmar, Timor-Leste, Maldives, Bhutan, Iraq, Jordan, Lebanon,
# Yemen, Palestine (no treaty known) and Montenegro (only by succession to
# the 1997 treaty with Yugoslavia; left out to fit the count).
DTT = {
    "MNG": 1991, "RUS": 1994, "IDN": 2001, "THA": 1986, "MYS": 1985,
    "VNM": 1995, "SGP": 1986, "PHL": 1999, "KHM": 2016, "LAO": 1999,
    "BRN": 2004, "IND": 1994, "PAK": 1989, "BGD": 1996, "LKA": 2003,
    "AFG": 2014, "NPL": 2001, "SAU": 2006, "ARE": 1993, "OMN": 2002,
    "IRN": 2002, "TUR": 1995, "ISR": 1995, "EGY": 1997, "KWT": 1989,
    "QAT": 2001, "BHR": 2002, "SYR": 2010, "POL": 1988, "ROU": 1991,
    "CZE": 1987, "SVK": 1987, "BGR": 1989, "HUN": 1992, "LVA": 1996,
    "LTU": 1996, "SVN": 1995, "EST": 1998, "HRV": 1995, "ALB": 2004,
    "SRB": 1997, "MKD": 1997, "BIH": 1997, "KAZ": 2001, "UZB": 1996,
    "TKM": 2009, "KGZ": 2002, "TJK": 2008, "UKR": 1995, "BLR": 1995,
    "GEO": 2005, "AZE": 2005, "ARM": 1996, "MDA": 2000,
}
DTT_ASSUMED = {"BIH"}  # applies the 1997 China-Yugoslavia treaty

# Bilateral local-currency swap agreements with the People's Bank of China,
# year first signed (PBoC announcements).  Document 004 pins 22 partner
# countries at end-2016.  Nepal is the one not certain (PBoC-Nepal Rastra Bank
# arrangements, 2014) and is assumed so the count is 22.
CURRENCY_SWAP = {
    "MYS": 2009, "IDN": 2009, "BLR": 2009, "SGP": 2010, "UZB": 2011,
    "MNG": 2011, "KAZ": 2011, "THA": 2011, "PAK": 2011, "ARE": 2012,
    "TUR": 2012, "UKR": 2012, "HUN": 2013, "ALB": 2013, "RUS": 2014,
    "QAT": 2014, "LKA": 2014, "ARM": 2015, "TJK": 2015, "SRB": 2016,
    "EGY": 2016, "NPL": 2014,
}
SWAP_ASSUMED = {"NPL"}

# At least one tier-one branch (or locally incorporated subsidiary) of a
# Chinese bank, year the first one opened (banks' annual reports).  Document
# 004 pins 26 partner countries (9 banks, 62 branches) at end-2016.  The last
# four are not certain and are assumed to fit the count.
BANK_BRANCH = {
    "SGP": 1936, "MYS": 2001, "IDN": 2003, "THA": 1994, "VNM": 1995,
    "PHL": 2002, "KHM": 2010, "LAO": 2011, "MMR": 2015, "BRN": 2016,
    "RUS": 1993, "KAZ": 1993, "IND": 2011, "PAK": 2011, "ARE": 2008,
    "QAT": 2008, "SAU": 2015, "KWT": 2014, "TUR": 2015, "POL": 2012,
    "HUN": 2003, "CZE": 2015,
    "ISR": 2016, "MNG": 2016, "BHR": 2016, "SRB": 2016,
}
BANK_ASSUMED = {"ISR", "MNG", "BHR", "SRB"}

# Capacity-cooperation documents (framework agreement or MoU) with China.
# Document 002: Kazakhstan, December 2014; 15 countries signed in the 12
# months to December 2015.  Document 004: "over 30" partner and other
# countries by May 2017, Kazakhstan and Malaysia named.  Beyond those, the
# individual countries and years are assumed (a plausible reading of the
# public record) so that the counts come out.
CAPACITY_MOU = [
    ("KAZ", 2014, "doc002 date; public record"),
    # the 15 of the 12 months to December 2015 (doc002 count)
    ("BRA", 2015, "doc002 count; public record"),
    ("EGY", 2015, "doc002 count; public record"),
    ("MYS", 2015, "doc004 named; year assumed to fit doc count"),
    ("ETH", 2015, "doc002 count; " + ASSUMED),
    ("IDN", 2015, "doc002 count; " + ASSUMED),
    ("PAK", 2015, "doc002 count; " + ASSUMED),
    ("BLR", 2015, "doc002 count; " + ASSUMED),
    ("KGZ", 2015, "doc002 count; " + ASSUMED),
    ("TJK", 2015, "doc002 count; " + ASSUMED),
    ("UZB", 2015, "doc002 count; " + ASSUMED),
    ("MNG", 2015, "doc002 count; " + ASSUMED),
    ("KHM", 2015, "doc002 count; " + ASSUMED),
    ("ZAF", 2015, "doc002 count; " + ASSUMED),
    ("LAO", 2015, "doc002 count; " + ASSUMED),
    ("RUS", 2015, "doc002 count; " + ASSUMED),
    # 2016 to May 2017 (doc004 "over 30")
    ("IRN", 2016, "doc004 count; " + ASSUMED),
    ("SAU", 2016, "doc004 count; " + ASSUMED),
    ("THA", 2016, "doc004 count; " + ASSUMED),
    ("VNM", 2016, "doc004 count; " + ASSUMED),
    ("SRB", 2016, "doc004 count; " + ASSUMED),
    ("CZE", 2016, "doc004 count; " + ASSUMED),
    ("POL", 2016, "doc004 count; " + ASSUMED),
    ("BGD", 2016, "doc004 count; " + ASSUMED),
    ("KEN", 2016, "doc004 count; " + ASSUMED),
    ("MMR", 2016, "doc004 count; " + ASSUMED),
    ("LKA", 2016, "doc004 count; " + ASSUMED),
    ("PHL", 2016, "doc004 count; " + ASSUMED),
    ("ARE", 2017, "doc004 count; " + ASSUMED),
    ("TUR", 2017, "doc004 count; " + ASSUMED),
    ("GEO", 2017, "doc004 count; " + ASSUMED),
    ("AZE", 2017, "doc004 count; " + ASSUMED),
]

# Mutual recognition / adoption of Chinese industrial standards (doc001:
# "So far [May 2017], Ethiopia and Kenya have started implementing Chinese
# industrial standards on cement and construction ceramics"); the year is
# assumed.
STANDARDS = [
    ("ETH", 2016, "doc001 named (cement); year assumed"),
    ("KEN", 2016, "doc001 named (construction ceramics); year assumed"),
]

# ---------------------------------------------------------------------------
# Cooperation zones (hand coded; only zones known to exist)
# ---------------------------------------------------------------------------
# name, iso3, sector_focus, open_year, basis.  "open_year" is the year the
# zone was established (agreement/launch), to the best of the public record.
ZONES = [
    ("Thai-Chinese Rayong Industrial Zone", "THA", "mixed", 2006,
     "public record"),
    ("Haier-Ruba Economic Zone", "PAK", "light_manufacturing", 2006,
     "public record"),
    ("Ussuriysk Economic and Trade Cooperation Zone", "RUS",
     "light_manufacturing", 2006, "public record"),
    ("Longjiang Industrial Park", "VNM", "mixed", 2007, "public record"),
    ("Sihanoukville Special Economic Zone", "KHM", "light_manufacturing", 2008,
     "public record"),
    ("China-Egypt TEDA Suez Economic and Trade Cooperation Zone", "EGY",
     "mixed", 2008, "public record"),
    ("China-Indonesia Economic and Trade Cooperation Zone (Bekasi)", "IDN",
     "mixed", 2008, "public record; year approximate"),
    ("Pengsheng Industrial Park", "UZB", "building_materials", 2009,
     "public record"),
    ("China-Kazakhstan Horgos International Border Cooperation Center", "KAZ",
     "mixed", 2012, "public record (cross-border)"),
    ("China-Belarus Industrial Park Great Stone", "BLR", "mixed", 2012,
     "doc001 named; public record"),
    ("Vientiane Saysettha Development Zone", "LAO", "mixed", 2012,
     "public record"),
    ("China-CEE (Hungary) Trade and Logistics Cooperation Zone", "HUN",
     "mixed", 2012, "public record; year approximate"),
    ("Malaysia-China Kuantan Industrial Park", "MYS", "steel", 2013,
     "public record"),
    ("Morowali Tsingshan Industrial Park", "IDN", "steel", 2013,
     "doc001 named; public record"),
    ("China-Tajikistan Industrial Park", "TJK", "mixed", 2014,
     "doc001 named; year approximate"),
    ("Hualing Kutaisi Free Industrial Zone", "GEO", "mixed", 2015,
     "public record"),
    ("China-Laos Mohan-Boten Cross-border Economic Cooperation Zone", "LAO",
     "mixed", 2015, "doc001 named; year approximate (cross-border)"),
    ("China-Oman (Duqm) Industrial Park", "OMN", "chemicals", 2016,
     "public record"),
    ("China-Mongolia Erenhot-Zamyn-Uud Cross-border Economic Cooperation Zone",
     "MNG", "mixed", 2016, "doc001 named; year approximate (cross-border)"),
]

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fmt(x, nd):
    """Fixed-decimal, stable print of a float (no '-0.0...')."""
    s = "%.*f" % (nd, round(float(x), nd))
    if float(s) == 0.0:
        s = "%.*f" % (nd, 0.0)
    return s


def parse_num(s):
    s = (s or "").strip()
    if s in ("", "NA", "#N/A", "N/A", "..", "nan", "NaN"):
        return None
    try:
        v = float(s)
    except ValueError:
        return None
    if math.isnan(v) or math.isinf(v):
        return None
    return v


def median(vals):
    v = sorted(vals)
    n = len(v)
    if n == 0:
        return None
    if n % 2:
        return v[n // 2]
    return 0.5 * (v[n // 2 - 1] + v[n // 2])


def nearest_year_value(series, year):
    """Value at `year`, else nearest year with a value (earlier on ties)."""
    if series.get(year) is not None:
        return series[year], year
    best = None
    for y in sorted(series):
        if series[y] is None:
            continue
        key = (abs(y - year), y)
        if best is None or key < best[0]:
            best = (key, y)
    if best is None:
        return None, None
    return series[best[1]], best[1]


def read_wb_long(path):
    """World Bank long file -> {iso3: {year: value}}."""
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            v = parse_num(r["Value"])
            out.setdefault(r["Country Code"], {})[int(r["Year"])] = v
    return out


def read_wgi(path):
    """WGI long file (Latin-1) -> {(code, indicator): {year: value}}."""
    out = {}
    with open(path, encoding="latin-1", newline="") as f:
        for r in csv.DictReader(f):
            key = (r["Code"], r["Indicator"])
            out.setdefault(key, {})[int(r["Year"])] = parse_num(r["Estimate"])
    return out


def read_gcdf(path):
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out[r["iso3c"]] = (parse_num(r["total_commitments_bn"]),
                               parse_num(r["weighted_interest_rate"]))
    return out


def normalise_region(raw):
    base = raw.split("(")[0].strip()
    if base not in REGION_NAMES:
        raise SystemExit("derive_country_data: unknown region %r" % raw)
    return REGION_NAMES[base]


def csv_bytes(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Derivation
# ---------------------------------------------------------------------------


def build(data_dir, notes):
    with open(os.path.join(data_dir, "br_countries_64.csv"), encoding="utf-8",
              newline="") as f:
        br = list(csv.DictReader(f))
    gdp = read_wb_long(os.path.join(data_dir, "gdp.csv"))
    pop = read_wb_long(os.path.join(data_dir, "population.csv"))
    wgi = read_wgi(os.path.join(data_dir, "wgi_1996_2019.csv"))
    gcdf = read_gcdf(os.path.join(data_dir, "gcdf_country_commitments.csv"))

    countries = []  # dicts, numeric values as floats / None
    for r in br:
        countries.append({"iso3": r["iso3"], "name": r["name_en"],
                          "region": normalise_region(r["region"]), "br64": 1,
                          "wgi_code": r["wgi_code"]})
    for iso3, name, region, code in EXTRA_COUNTRIES:
        countries.append({"iso3": iso3, "name": name, "region": region,
                          "br64": 0, "wgi_code": code})

    for c in countries:
        iso = c["iso3"]
        g = gdp.get(iso, {})
        v, y = nearest_year_value(g, BASE_YEAR)
        c["gdp_usd_bn_2013"] = None if v is None else v / 1e9
        if v is not None and y != BASE_YEAR:
            notes.append("%s GDP: %d used for %d" % (iso, y, BASE_YEAR))
        v, y = nearest_year_value(pop.get(iso, {}), BASE_YEAR)
        c["population_mn_2013"] = None if v is None else v / 1e6
        if v is not None and y != BASE_YEAR:
            notes.append("%s population: %d used for %d" % (iso, y, BASE_YEAR))
        yrs = [yy for yy in range(TREND_FIRST, TREND_LAST + 1)
               if g.get(yy) is not None and g[yy] > 0]
        if len(yrs) >= 2:
            a, b = yrs[0], yrs[-1]
            c["gdp_growth_trend"] = (g[b] / g[a]) ** (1.0 / (b - a)) - 1.0
            if (a, b) != (TREND_FIRST, TREND_LAST):
                notes.append("%s GDP trend over %d-%d" % (iso, a, b))
        else:
            c["gdp_growth_trend"] = None
        for col, ind in WGI_INDICATORS:
            v, y = nearest_year_value(wgi.get((c["wgi_code"], ind), {}),
                                      BASE_YEAR)
            c[col] = v
            if v is not None and y != BASE_YEAR:
                notes.append("%s %s: %d used for %d" % (iso, ind, y, BASE_YEAR))
        if iso in gcdf:
            amt, rate = gcdf[iso]
            c["gcdf_commitments_usd_bn"] = amt if amt is not None else 0.0
            c["gcdf_interest_rate"] = rate
        else:
            c["gcdf_commitments_usd_bn"] = 0.0
            c["gcdf_interest_rate"] = None
        res = RESOURCES.get(iso)
        c["resource_oil_gas"], c["resource_metals"], c["resource_nonmetallic"] = \
            res if res else (None, None, None)

    # region-median fill of any numeric value still missing
    fill_cols = ["gdp_usd_bn_2013", "population_mn_2013", "gdp_growth_trend"] + \
        [col for col, _ in WGI_INDICATORS]
    for col in fill_cols:
        for c in countries:
            if c[col] is None:
                m = median([d[col] for d in countries
                            if d["region"] == c["region"] and d[col] is not None])
                if m is None:
                    m = median([d[col] for d in countries if d[col] is not None])
                c[col] = m
                notes.append("%s %s: region median" % (c["iso3"], col))
    for c in countries:
        c["gdp_growth_trend"] = min(TREND_MAX, max(TREND_MIN, c["gdp_growth_trend"]))

    country_rows = []
    for c in countries:
        rate = c["gcdf_interest_rate"]
        row = [c["iso3"], c["name"], c["region"], str(c["br64"]),
               fmt(c["gdp_usd_bn_2013"], 4), fmt(c["population_mn_2013"], 4),
               fmt(c["gdp_growth_trend"], 5)]
        row += [fmt(c[col], 4) for col, _ in WGI_INDICATORS]
        row += [fmt(c["gcdf_commitments_usd_bn"], 4),
                "" if rate is None else fmt(rate, 3)]
        row += ["" if c[k] is None else fmt(c[k], 1)
                for k in ("resource_oil_gas", "resource_metals",
                          "resource_nonmetallic")]
        country_rows.append(row)

    gdp_rows = []
    for c in countries:
        g = gdp.get(c["iso3"], {})
        for y in range(GDP_TABLE_FIRST, GDP_TABLE_LAST + 1):
            if g.get(y) is not None:
                gdp_rows.append([c["iso3"], str(y), fmt(g[y] / 1e9, 4)])

    agreements = []
    for iso, y, basis in CAPACITY_MOU:
        agreements.append(("capacity_mou", y, iso, basis))
    for kind, table, assumed in (("bit", BIT, BIT_ASSUMED),
                                 ("dtt", DTT, DTT_ASSUMED),
                                 ("currency_swap", CURRENCY_SWAP, SWAP_ASSUMED),
                                 ("bank_branch", BANK_BRANCH, BANK_ASSUMED)):
        for iso, y in table.items():
            agreements.append((kind, y, iso, ASSUMED if iso in assumed else FIRM))
    for iso, y, basis in STANDARDS:
        agreements.append(("standards", y, iso, basis))
    agreements.sort(key=lambda a: (a[0], a[1], a[2]))
    agreement_rows = [[a[2], a[0], str(a[1]), a[3]] for a in agreements]

    zones = sorted(ZONES, key=lambda z: (z[3], z[0]))
    zone_rows = [[z[0], z[1], z[2], str(z[3]), z[4]] for z in zones]

    return br, countries, country_rows, gdp_rows, agreement_rows, zone_rows


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def validate(br, country_rows, gdp_rows, agreement_rows, zone_rows):
    errs = []
    iso_list = [r[0] for r in country_rows]
    iso_set = set(iso_list)
    br64 = [r["iso3"] for r in br]
    br64_set = set(br64)
    if len(br64) != 64 or len(br64_set) != 64:
        errs.append("br_countries_64.csv has %d rows (%d distinct), expected 64"
                    % (len(br64), len(br64_set)))
    if iso_list[:len(br64)] != br64:
        errs.append("countries.csv does not start with the 64 in file order")
    if len(iso_set) != len(iso_list):
        errs.append("duplicate iso3 in countries.csv")
    for need in ("ETH", "KEN", "ZAF", "CUB"):
        if need not in iso_set:
            errs.append("extra country %s missing" % need)
    ib = COUNTRY_COLUMNS.index("br64")
    if sum(1 for r in country_rows if r[ib] == "1") != 64:
        errs.append("br64=1 count is not 64")
    irate = COUNTRY_COLUMNS.index("gcdf_interest_rate")
    valid_regions = set(REGION_NAMES.values()) | {REGION_AFRICA, REGION_LATAM}
    for r in country_rows:
        if len(r) != len(COUNTRY_COLUMNS):
            errs.append("%s: %d cells, expected %d" % (r[0], len(r),
                                                       len(COUNTRY_COLUMNS)))
            continue
        for i, cell in enumerate(r):
            if cell == "" and i != irate:
                errs.append("%s: empty cell in column %s" % (r[0],
                                                            COUNTRY_COLUMNS[i]))
        if r[2] not in valid_regions:
            errs.append("%s: bad region %r" % (r[0], r[2]))
        g = float(r[COUNTRY_COLUMNS.index("gdp_growth_trend")])
        if not TREND_MIN - 1e-12 <= g <= TREND_MAX + 1e-12:
            errs.append("%s: growth trend %s outside the clip" % (r[0], g))
        for k in ("resource_oil_gas", "resource_metals", "resource_nonmetallic"):
            cell = r[COUNTRY_COLUMNS.index(k)]
            if cell and float(cell) not in (0.0, 0.5, 1.0):
                errs.append("%s: %s=%s not in {0,0.5,1}" % (r[0], k, cell))
    if set(RESOURCES) - iso_set:
        errs.append("RESOURCES has unknown countries %s"
                    % sorted(set(RESOURCES) - iso_set))
    for iso in iso_list:
        if not any(g[0] == iso for g in gdp_rows):
            errs.append("%s: no GDP rows" % iso)

    # agreements
    seen = set()
    for iso, kind, year, basis in agreement_rows:
        if kind not in AGREEMENT_KINDS:
            errs.append("agreement kind %r unknown" % kind)
        if iso not in iso_set:
            errs.append("agreement %s/%s: country not in countries.csv" % (iso, kind))
        if (iso, kind) in seen:
            errs.append("agreement %s/%s listed twice" % (iso, kind))
        seen.add((iso, kind))
        if not basis:
            errs.append("agreement %s/%s: empty basis" % (iso, kind))

    def count(kind, last_year, among64=True):
        return sum(1 for iso, k, y, _ in agreement_rows
                   if k == kind and int(y) <= last_year
                   and (not among64 or iso in br64_set))

    for kind, want in (("bit", 53), ("dtt", 54), ("currency_swap", 22),
                       ("bank_branch", 26)):
        got = count(kind, 2016)
        if got != want:
            errs.append("doc004 pins %d partner countries with %s by end-2016; "
                        "the table has %d" % (want, kind, got))
        later = sum(1 for iso, k, y, _ in agreement_rows
                    if k == kind and int(y) > 2016 and iso in br64_set)
        if later:
            errs.append("%s: %d rows after 2016 would break the doc004 count "
                        "reading" % (kind, later))
    mou = [(iso, int(y)) for iso, k, y, _ in agreement_rows if k == "capacity_mou"]
    if ("KAZ", 2014) not in mou:
        errs.append("doc002: Kazakhstan capacity MoU in 2014 missing")
    n2015 = sum(1 for _, y in mou if y == 2015)
    if n2015 != 15:
        errs.append("doc002: 15 capacity MoUs in 2015 expected, table has %d"
                    % n2015)
    n2017 = sum(1 for _, y in mou if y <= 2017)
    if not 31 <= n2017 <= 33:
        errs.append("doc004: 'over 30' capacity MoUs by 2017 expected (31-33), "
                    "table has %d" % n2017)
    if ("MYS" not in [iso for iso, _ in mou]):
        errs.append("doc004 names Malaysia among the capacity MoUs")
    std = sorted(iso for iso, k, _, _ in agreement_rows if k == "standards")
    if std != ["ETH", "KEN"]:
        errs.append("doc001: standards rows should be ETH and KEN, got %s" % std)

    # zones
    names = set()
    for name, iso, sector, year, basis in zone_rows:
        if sector not in SECTOR_KEYS:
            errs.append("zone %s: sector %r not a model key" % (name, sector))
        if iso not in iso_set:
            errs.append("zone %s: country %s not in countries.csv" % (name, iso))
        if name in names:
            errs.append("zone %s listed twice" % name)
        names.add(name)
        if not basis or not 1990 <= int(year) <= 2017:
            errs.append("zone %s: bad year/basis" % name)
    for iso in ("BLR", "IDN", "TJK", "LAO", "MNG"):
        if not any(z[1] == iso and "doc001" in z[4] for z in zone_rows):
            errs.append("doc001 zone in %s missing" % iso)
    if not 15 <= len(zone_rows) <= 25:
        errs.append("zones: %d rows, expected 15-25" % len(zone_rows))
    return errs


# ---------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------


def readme_text(country_rows, gdp_rows, agreement_rows, zone_rows):
    n64 = sum(1 for r in country_rows if r[3] == "1")
    extras = [r[0] for r in country_rows if r[3] == "0"]

    def cnt(kind, pred=lambda b: True):
        return sum(1 for r in agreement_rows if r[1] == kind and pred(r[3]))

    lines = []
    a = lines.append
    a("# scenarios/data: partner-country tables")
    a("")
    a("Generated by `tools/derive_country_data.py` from the raw files in "
      "`../shared/data/` (see its `SOURCES.md`). Do not edit by hand; re-run:")
    a("")
    a("```")
    a("python3 tools/derive_country_data.py            # data dir defaults to ../shared/data")
    a("python3 tools/derive_country_data.py /path/to/shared/data")
    a("```")
    a("")
    a("The script is stdlib-only Python 3 and deterministic (fixed row order, "
      "fixed decimals, UTF-8, `\\n` line endings): two runs give identical "
      "bytes. Before writing it validates the tables (all 64 partners "
      "present, no empty cells except `gcdf_interest_rate`, the agreement "
      "counts pinned by document 004, the MoU schedule of documents 002/004, "
      "the standards rows of document 001, zone sector keys) and exits "
      "non-zero with a message if any check fails.")
    a("")
    a("## countries.csv")
    a("")
    a("One row per country: the %d Belt-and-Road partners of "
      "`br_countries_64.csv` in that file's order, then %d countries outside "
      "the 64 (%s): Ethiopia, Kenya and Cuba are named in document 001, "
      "South Africa in document 004; Brazil is one of the \"other countries\" "
      "with a capacity-cooperation document (004) and signed a framework "
      "agreement in May 2015." % (n64, len(extras), ", ".join(extras)))
    a("")
    a("| column | unit | meaning / derivation |")
    a("|---|---|---|")
    a("| iso3 | | ISO 3166-1 alpha-3 code |")
    a("| name | | English name (br_countries_64.csv) |")
    a("| region | | region of br_countries_64.csv without the count suffix: "
      "`Mongolia & Russia`, `Southeast Asia`, `South Asia`, `West Asia & North "
      "Africa`, `Central & Eastern Europe`, `Central Asia`, `CIS other`; "
      "extras: `%s` or `%s` |" % (REGION_AFRICA, REGION_LATAM))
    a("| br64 | 0/1 | 1 for the 64 partner countries, 0 for the extras |")
    a("| gdp_usd_bn_2013 | current US$ bn | GDP 2013, World Bank NY.GDP.MKTP.CD (gdp.csv) |")
    a("| population_mn_2013 | million | population 2013, World Bank SP.POP.TOTL (population.csv) |")
    a("| gdp_growth_trend | fraction per year | geometric-mean nominal growth "
      "of GDP in current US$ over 2010-2019, (GDP_last/GDP_first)^(1/(last-first))-1 "
      "using the first and last years of 2010-2019 with data; region median "
      "if fewer than two years; clipped to [%s, %s]. The model extrapolates "
      "GDP beyond the data with it |" % (TREND_MIN, TREND_MAX))
    for col, ind in WGI_INDICATORS:
        a("| %s | WGI estimate (about -2.5..2.5) | Worldwide Governance "
          "Indicators `%s`, 2013; nearest year with a value if 2013 is missing |"
          % (col, ind))
    a("| gcdf_commitments_usd_bn | constant 2021 US$ bn | AidData GCDF 3.0 "
      "total Chinese official-sector commitments 2000-2021 (a stock of "
      "commitments over 22 years, not a 2013 flow); 0 for countries not in "
      "the file (high-income: Singapore, the Gulf states, EU-member CEE ...) |")
    a("| gcdf_interest_rate | percent | AidData weighted average interest "
      "rate of those commitments; empty where absent or not reported (the "
      "only column that may be empty) |")
    a("| resource_oil_gas | 0 / 0.5 / 1 | oil & gas endowment |")
    a("| resource_metals | 0 / 0.5 / 1 | metal-ore endowment (iron, copper, "
      "nickel, bauxite, chromite, gold ...) |")
    a("| resource_nonmetallic | 0 / 0.5 / 1 | non-metallic minerals "
      "(limestone, clay/kaolin, phosphate, potash, boron, gypsum ...) |")
    a("")
    a("Missing values: a missing 2013 GDP, population or WGI value takes the "
      "nearest year with a value (earlier year on a tie); a value missing in "
      "every year takes the median of the country's region. The resource "
      "columns are **coarse hand codings** (0 = little or none, 0.5 = "
      "moderate / one notable deposit, 1 = major producer) made from the "
      "public picture given by OPEC membership and the BP/Energy Institute "
      "Statistical Review (oil & gas) and the USGS Mineral Commodity "
      "Summaries / Minerals Yearbook (metal ores, industrial minerals); coal "
      "is not counted. They rank countries roughly and are not measurements.")
    a("")
    a("## country_gdp.csv")
    a("")
    a("`iso3,year,gdp_usd_bn`: GDP in current US$ bn (gdp.csv) for every "
      "country of countries.csv and every year %d-%d that has data (%d rows); "
      "missing years are skipped (e.g. Yemen after 2018, Syria after 2021, "
      "Cuba after 2020), and the model extrapolates with `gdp_growth_trend`. "
      "Sorted by countries.csv order, then year."
      % (GDP_TABLE_FIRST, GDP_TABLE_LAST, len(gdp_rows)))
    a("")
    a("## agreements.csv")
    a("")
    a("`iso3,kind,year,basis`: one row per country and kind of agreement "
      "with China; `year` is the year it was signed / took effect (the model "
      "switches it on from that year). Sorted by kind, year, iso3.")
    a("")
    a("| kind | meaning | rows | firm | assumed |")
    a("|---|---|---|---|---|")
    desc = {
        "capacity_mou": "capacity-cooperation framework agreement or MoU",
        "bit": "bilateral investment treaty",
        "dtt": "double-taxation treaty",
        "currency_swap": "bilateral local-currency swap with the PBoC",
        "bank_branch": "at least one tier-one branch of a Chinese bank",
        "standards": "adoption / mutual recognition of Chinese industrial standards",
    }
    for kind in AGREEMENT_KINDS:
        a("| %s | %s | %d | %d | %d |" % (
            kind, desc[kind], cnt(kind),
            cnt(kind, lambda b: "assumed" not in b),
            cnt(kind, lambda b: "assumed" in b)))
    a("")
    a("Pinned counts (document 004, end-2016, among the 64): BIT 53, DTT 54, "
      "currency swap 22 (over RMB 900bn), Chinese bank branches in 26 "
      "countries (9 banks, 62 tier-one branches). Capacity-cooperation "
      "documents: Kazakhstan December 2014 and 15 countries in the 12 months "
      "to December 2015 (document 002); \"over 30\" partner and other "
      "countries by May 2017, Kazakhstan and Malaysia named (document 004). "
      "Standards: Ethiopia (cement) and Kenya (construction ceramics) "
      "(document 001). The script asserts all of these.")
    a("")
    a("`basis`: a value containing `public record` means the country's "
      "agreement is on the public record (treaty lists of UNCTAD / MOFCOM / "
      "the State Taxation Administration, PBoC announcements, banks' annual "
      "reports, press releases); years before 2013 only matter as \"already "
      "in force in 2013\". These rows were hand coded from knowledge of "
      "those public lists, not checked against a copy of them shipped here, "
      "so an individual year may be off by one or two. A value containing `assumed` (`assumed to fit doc "
      "count`, `year assumed ...`) means the row was chosen so that a "
      "document's count comes out and the individual country or year is not "
      "certain. For BITs, the *absence* of Brunei, Jordan (signed, not in "
      "force), Afghanistan and Yemen is what was assumed to reach 53; for "
      "DTTs, Montenegro is left out and Bosnia and Herzegovina (succession "
      "to the 1997 Yugoslav treaty) kept to reach 54. Most capacity MoUs "
      "other than Kazakhstan, Brazil, Egypt and Malaysia are assumed.")
    a("")
    a("## zones.csv")
    a("")
    a("`name,iso3,sector_focus,open_year,basis`: %d Chinese overseas "
      "cooperation zones in partner countries (including cross-border zones) "
      "that are known to exist, with the year each was established. "
      "`sector_focus` is one of the model's sector keys (`steel, nonferrous, "
      "building_materials, chemicals, machinery_rail, automotive, ict, "
      "new_energy, light_manufacturing`) or `mixed`. The zones named in "
      "document 001 (China-Belarus Great Stone, Morowali Tsingshan, "
      "China-Tajikistan, the China-Laos and China-Mongolia cross-border "
      "zones) are included; the others are older, well-documented zones. "
      "This is not the 56 of document 004: the model opens further zones "
      "endogenously, and none were invented to reach 56. `basis` says "
      "`doc001 named` and/or `public record`, and `year approximate` where "
      "the opening year is uncertain (agreement vs. launch). Sorted by "
      "open_year, then name." % len(zone_rows))
    a("")
    a("## Attributions")
    a("")
    a("- GDP and population: World Bank World Development Indicators "
      "(NY.GDP.MKTP.CD, SP.POP.TOTL) via the `datasets/gdp` and "
      "`datasets/population` repositories, ODC-PDDL-1.0.")
    a("- Governance: Kaufmann, D. and A. Kraay, Worldwide Governance "
      "Indicators, World Bank, 2020 update (1996-2019), via "
      "Global-Development-and-Politics-of-Data/Chapter12_Governance, CC0-1.0.")
    a("- Chinese development finance: AidData, Global Chinese Development "
      "Finance Dataset, Version 3.0, ODC-By-1.0 - **attribution: AidData "
      "at William & Mary**; country totals via the Teal-Insights/aiddataviz "
      "package (MIT).")
    a("- The 64 partner countries and their regions: `br_countries_64.csv`, "
      "re-typed from mindpin-data/data-demo (PathMap.js.coffee).")
    a("- Agreements, zones and resource codings: hand coded in the script "
      "from the seed documents 001, 002 and 004 and the public record, as "
      "described above.")
    a("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main(argv):
    root = repo_root()
    if len(argv) > 2:
        sys.stderr.write("usage: derive_country_data.py [DATA_DIR]\n")
        return 2
    data_dir = argv[1] if len(argv) == 2 else os.path.join(root, "..", "shared",
                                                           "data")
    data_dir = os.path.normpath(data_dir)
    if not os.path.isfile(os.path.join(data_dir, "br_countries_64.csv")):
        sys.stderr.write("derive_country_data: no br_countries_64.csv in %s\n"
                         % data_dir)
        return 1
    notes = []
    br, _, country_rows, gdp_rows, agreement_rows, zone_rows = build(data_dir,
                                                                    notes)
    errs = validate(br, country_rows, gdp_rows, agreement_rows, zone_rows)
    if errs:
        sys.stderr.write("derive_country_data: validation FAILED, nothing "
                         "written:\n")
        for e in errs:
            sys.stderr.write("  - %s\n" % e)
        return 1

    out_dir = os.path.join(root, "scenarios", "data")
    os.makedirs(out_dir, exist_ok=True)
    files = {
        "countries.csv": csv_bytes(COUNTRY_COLUMNS, country_rows),
        "country_gdp.csv": csv_bytes(["iso3", "year", "gdp_usd_bn"], gdp_rows),
        "agreements.csv": csv_bytes(["iso3", "kind", "year", "basis"],
                                    agreement_rows),
        "zones.csv": csv_bytes(["name", "iso3", "sector_focus", "open_year",
                                "basis"], zone_rows),
        "README.md": readme_text(country_rows, gdp_rows, agreement_rows,
                                 zone_rows),
    }
    for name in sorted(files):
        with open(os.path.join(out_dir, name), "w", encoding="utf-8",
                  newline="\n") as f:
            f.write(files[name])
    for n in notes:
        sys.stdout.write("note: %s\n" % n)
    sys.stdout.write("wrote %s: %d countries, %d GDP rows, %d agreements, "
                     "%d zones\n" % (os.path.relpath(out_dir, root),
                                     len(country_rows), len(gdp_rows),
                                     len(agreement_rows), len(zone_rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
