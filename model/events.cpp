#include "model/events.hpp"

#include "model/dims.hpp"

namespace ccsim {

namespace {

std::vector<std::string_view> keys_of(const std::string_view* b, std::size_t n) {
  return std::vector<std::string_view>(b, b + n);
}

}  // namespace

const std::vector<ListDecl>& list_declarations() {
  static const std::vector<ListDecl> lists = [] {
    const double kYearMin = 1990, kYearMax = 2100;
    std::vector<ListDecl> l;
    l.push_back(
        {"timeline",
         "Lever changes from a year on: `set` holds a partial scenario of schedulable "
         "parameters (same keys as the top level), in force from `year` until a later "
         "entry changes them.",
         {{"year", FieldType::Integer, true, kYearMin, kYearMax, {}, "First year in force."},
          {"set", FieldType::Object, true, 0, 0, {}, "Parameters and their new values."},
          {"description", FieldType::String, false, 0, 0, {}, "Free text."}}});
    l.push_back({"shocks",
                 "Scheduled risk events in a region or a country (exactly one of the two).",
                 {{"start_year", FieldType::Integer, true, kYearMin, kYearMax, {}, "First year."},
                  {"duration", FieldType::Integer, false, 1, 50, {}, "Years it lasts (default 1)."},
                  {"region", FieldType::Region, false, 0, 0, {}, "Region key."},
                  {"country", FieldType::Country, false, 0, 0, {}, "ISO3 code."},
                  {"kind", FieldType::Enum, true, 0, 0, keys_of(kRiskKeys.data(), kRiskKinds),
                   "Kind of risk."},
                  {"severity", FieldType::Number, true, 0, 1, {}, "Severity added each year, 0-1."},
                  {"description", FieldType::String, false, 0, 0, {}, "Free text."}}});
    l.push_back(
        {"agreements",
         "Agreements signed in a given year, added to scenarios/data/agreements.csv (an earlier "
         "year there is replaced).",
         {{"country", FieldType::Country, true, 0, 0, {}, "ISO3 code."},
          {"kind", FieldType::Enum, true, 0, 0, keys_of(kAgreementKeys.data(), kAgreementKinds),
           "Kind of agreement."},
          {"year", FieldType::Integer, true, kYearMin, kYearMax, {}, "Year it takes effect."},
          {"description", FieldType::String, false, 0, 0, {}, "Free text."}}});
    l.push_back({"packages",
                 "Country packages (doc 004's Kazakhstan one), spread evenly over their years: the "
                 "project list attracts firms, the fund co-invests equity, the special loan adds "
                 "earmarked policy lending.",
                 {{"name", FieldType::String, false, 0, 0, {}, "Label."},
                  {"country", FieldType::Country, true, 0, 0, {}, "ISO3 code."},
                  {"start_year", FieldType::Integer, true, kYearMin, kYearMax, {}, "First year."},
                  {"end_year", FieldType::Integer, true, kYearMin, kYearMax, {}, "Last year."},
                  {"project_list_usd_bn", FieldType::Number, false, 0, 1e4, {}, "US$ bn in all."},
                  {"fund_usd_bn", FieldType::Number, false, 0, 1e4, {}, "US$ bn in all."},
                  {"special_loan_usd_bn", FieldType::Number, false, 0, 1e4, {}, "US$ bn in all."},
                  {"description", FieldType::String, false, 0, 0, {}, "Free text."}}});
    return l;
  }();
  return lists;
}

}  // namespace ccsim
