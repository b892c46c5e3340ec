// Data tables: the input is read as CSV, then taken in turn for each of the four tables of
// scenarios/data (the other three real), so that one seed corpus of the real tables serves all.
#include <climits>
#include <cmath>

#include "fuzz/common.hpp"

namespace {

// Known and fixed elsewhere: make_world converts a year that is not a number, or is out of int's
// range, to int (undefined behaviour; issue 14, point 4, whose fix checks each table's values).
// Until that fix is merged such inputs are skipped, so that the run fails on anything else.
// Delete this filter with that merge.
bool known_unfixed(const ccsim::io::CsvTable& t) {
  for (const char* col : {"year", "open_year"}) {
    const int c = t.column(col);
    if (c < 0) continue;
    for (const auto& row : t.rows) {
      try {
        const double y = ccsim::io::parse_number(row[static_cast<std::size_t>(c)], "", 0, col);
        if (!(y >= INT_MIN && y <= INT_MAX)) return true;
      } catch (const ccsim::InputError&) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccsim;
  io::CsvTable fuzzed;
  try {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    fuzzed = io::read_csv(in, "fuzz.csv");
  } catch (const InputError&) {
    return 0;
  }
  if (known_unfixed(fuzzed)) return 0;
  const auto& real = fuzz::data_tables();
  for (int which = 0; which < 4; ++which) {
    std::vector<const io::CsvTable*> t = {&real[0], &real[1], &real[2], &real[3]};
    t[which] = &fuzzed;
    try {
      make_world(*t[0], *t[1], *t[2], *t[3], "fuzz");
    } catch (const InputError&) {
    }
  }
  return 0;
}
