#include "cli/report_assets.hpp"

#include <cstddef>

#ifdef CCSIM_WITH_REPORT
// Defined in the generated source (build/generated/report_assets.cpp).
namespace ccsim::cli::report_assets {
extern const char kVega[], kVegaLite[], kVegaEmbed[];
extern const std::size_t kVegaSize, kVegaLiteSize, kVegaEmbedSize;
}  // namespace ccsim::cli::report_assets
#endif

namespace ccsim::cli::report_assets {

#ifdef CCSIM_WITH_REPORT
bool available() {
  return true;
}
report::Scripts scripts() {
  return {{kVega, kVegaSize}, {kVegaLite, kVegaLiteSize}, {kVegaEmbed, kVegaEmbedSize}};
}
#else
bool available() {
  return false;
}
report::Scripts scripts() {
  return {};
}
#endif

}  // namespace ccsim::cli::report_assets
