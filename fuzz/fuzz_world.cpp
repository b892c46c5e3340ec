// Data tables: the input is read as CSV, then taken in turn for each of the four tables of
// scenarios/data (the other three real), so that one seed corpus of the real tables serves all.
#include "fuzz/common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ccsim;
  io::CsvTable fuzzed;
  try {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    fuzzed = io::read_csv(in, "fuzz.csv");
  } catch (const InputError&) {
    return 0;
  }
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
