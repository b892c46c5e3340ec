#include "model/cost.hpp"

#include <cmath>
#include <cstdio>

namespace ccsim {

ReplicationCost replication_cost(const Scenario& s, const World& w) {
  const double agents = s.params.firm_agents;
  const double years = s.end_year() - s.first_simulated_year() + 1;
  ReplicationCost c;
  // The country tables grow with the world too, slightly: a few kB a country and year.
  c.bytes = kBytesPerThread + agents * kBytesPerAgent + double(w.countries()) * years * 4096;
  c.seconds = years * (agents * kSecondsPerAgentYear + kSecondsPerYear);
  return c;
}

std::string format_bytes(double bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  int u = 0;
  while (bytes >= 1000 && u < 6) {
    bytes /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, bytes < 10 && u > 0 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
  return buf;
}

std::string format_seconds(double seconds) {
  char buf[48];
  if (!(seconds >= 0) || seconds > 3.15e10) return "more than 1000 years";
  if (seconds < 10) {
    std::snprintf(buf, sizeof buf, "%.1fs", seconds);
    return buf;
  }
  const long long t = std::llround(seconds);
  if (t >= 86400 * 3)
    std::snprintf(buf, sizeof buf, "%lldd%02lldh", t / 86400, (t / 3600) % 24);
  else if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", t / 3600, (t / 60) % 60);
  else if (t >= 60)
    std::snprintf(buf, sizeof buf, "%lldm%02llds", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%llds", t);
  return buf;
}

}  // namespace ccsim
