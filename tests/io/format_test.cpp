// The compact number format (a documented number of significant digits) and gzip tables: what is
// written reads back within the precision, the same data give the same bytes, and a .csv.gz holds
// exactly the text of the plain file.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>

#include "model/error.hpp"
#include "model/io/csv.hpp"
#include "model/io/gzip.hpp"
#include "model/io/outputs.hpp"
#include "model/metrics.hpp"

namespace io = ccsim::io;

namespace {

// Doubles over the whole range of magnitudes the outputs hold (1e-12 to 1e12), both signs, from
// mt19937_64 (whose output the standard fixes).
std::vector<double> sample(int n) {
  std::mt19937_64 g(20130907);
  std::vector<double> v;
  for (int i = 0; i < n; ++i) {
    const double u = static_cast<double>(g() >> 11) * 0x1.0p-53;  // [0, 1)
    const double e = -12.0 + 24.0 * static_cast<double>(g() >> 11) * 0x1.0p-53;
    v.push_back((g() & 1 ? -1 : 1) * (1 + 9 * u) * std::pow(10.0, std::floor(e)));
  }
  return v;
}

double parse(const std::string& s) {
  return io::parse_number(s, "test", 0, "x");
}

std::string gunzip_text(const std::string& bytes) {
  auto in = io::gunzip(std::make_unique<std::istringstream>(bytes), "test.gz");
  // Read as the CSV reader reads, from the buffer: its errors are exceptions (operator<< of a
  // streambuf would turn them into a failbit).
  std::string out;
  for (int c = in->rdbuf()->sbumpc(); c != EOF; c = in->rdbuf()->sbumpc())
    out += static_cast<char>(c);
  return out;
}

}  // namespace

TEST_CASE("format: N significant digits read back within half a unit of the Nth digit",
          "[io][numbers]") {
  for (int digits : {6, 7, 10}) {
    // Rounding x to d significant digits moves it by at most 0.5 * 10^(e - d + 1), e being its
    // decimal exponent, which is at most 5 * 10^-d of |x| (|x| >= 10^e).
    const double bound = 5 * std::pow(10.0, -digits);
    double worst = 0;
    for (double x : sample(20000)) {
      const std::string s = io::format_number(x, digits);
      const double y = parse(s);
      worst = std::max(worst, std::fabs(y - x) / std::fabs(x));
      // Never more significant digits than asked (the mantissa's, leading zeros not counted).
      const std::string mantissa = s.substr(0, s.find('e'));
      const auto first = mantissa.find_first_of("123456789");
      std::size_t significant = 0;
      for (char c : mantissa.substr(first)) significant += c >= '0' && c <= '9';
      CHECK(significant <= static_cast<std::size_t>(digits));
    }
    INFO(digits << " digits: worst relative error " << worst);
    CHECK(worst <= bound * (1 + 1e-12));
    CHECK(worst > bound / 100);  // rounding happened: the sample is not all short numbers
  }
  // Full precision reads back exactly.
  for (double x : sample(2000)) CHECK(parse(io::format_number(x, io::kFullPrecision)) == x);
}

TEST_CASE("format: the compact text of known numbers", "[io][numbers]") {
  CHECK(io::format_number(0.44999999999999996, 7) == "0.45");
  CHECK(io::format_number(0.44999999999999996) == "0.44999999999999996");
  CHECK(io::format_number(1073.64712345, 7) == "1073.647");
  CHECK(io::format_number(130655.14, 7) == "130655.1");
  CHECK(io::format_number(1.5e-9, 7) == "1.5e-09");
  CHECK(io::format_number(123456789.0, 7) == "1.234568e+08");
  CHECK(io::format_number(-0.0, 7) == "0");
  CHECK(io::format_number(20, 7) == "20");
  CHECK(io::format_number(std::nan(""), 7) == "nan");
}

TEST_CASE("format: a written table reads back within the documented precision", "[io][numbers]") {
  ccsim::RunResult r;
  r.start_year = 2013;
  r.end_year = 2015;
  const auto v = sample(3 * 2 * ccsim::kYearlyMetrics);
  for (int rep = 0; rep < 2; ++rep) {
    ccsim::ReplicationResult one;
    one.yearly.resize(3, ccsim::kYearlyMetrics);
    for (int y = 0; y < 3; ++y)
      for (int m = 0; m < ccsim::kYearlyMetrics; ++m)
        one.yearly(y, m) =
            std::fabs(v[static_cast<std::size_t>((rep * 3 + y) * 44 + m) % v.size()]);
    r.replications.push_back(one);
  }
  std::stringstream os;
  io::write_yearly(os, r, io::kCompactDigits);
  const auto t = io::read_csv(os, "yearly.csv");
  REQUIRE(t.rows.size() == 6);
  for (std::size_t i = 0; i < t.rows.size(); ++i)
    for (int m = 0; m < ccsim::kYearlyMetrics; ++m) {
      const double x = r.replications[i / 3].yearly(static_cast<Eigen::Index>(i % 3), m);
      const double y = parse(t.rows[i][static_cast<std::size_t>(m) + 2]);
      CHECK(std::fabs(y - x) <= 5e-7 * std::fabs(x));
    }
}

TEST_CASE("gzip: blocks made apart join into one gzip stream of the whole text", "[io]") {
  const std::string parts[] = {"replication,year,x\n", "", "0,2013,1.5\n0,2014,2.5\n",
                               std::string(200000, '7') + "\n"};
  auto assemble = [&] {
    std::ostringstream os;
    io::GzipAssembler a;
    a.begin(os);
    io::BlockDeflater d;
    for (const auto& p : parts) {
      io::GzipBlock b;
      d.compress(p, b);
      a.append(os, b);
    }
    a.finish(os);
    return os.str();
  };
  const std::string gz = assemble();
  std::string whole;
  for (const auto& p : parts) whole += p;
  CHECK(gunzip_text(gz) == whole);
  CHECK(gz.size() < whole.size() / 4);  // compressed: the long run of 7s
  CHECK(assemble() == gz);              // the same text, the same bytes
  // The header (RFC 1952): deflate, no flags (so no file name), mtime 0, OS 3.
  REQUIRE(gz.size() > 10);
  CHECK(static_cast<unsigned char>(gz[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(gz[1]) == 0x8b);
  CHECK(gz[2] == 8);
  CHECK(gz[3] == 0);
  CHECK(gz.substr(4, 4) == std::string(4, '\0'));
  CHECK(gz[9] == 3);
}

TEST_CASE("gzip: the streaming writer's file reads back and has no time nor name", "[io]") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + ",CHN,odi_flow_usd_bn,1.5\n";
  auto write = [&] {
    std::ostringstream os;
    io::GzipWriter gz(os);
    gz << text;
    gz.finish();
    return os.str();
  };
  const std::string a = write();
  CHECK(gunzip_text(a) == text);
  CHECK(write() == a);
  CHECK(a[3] == 0);                               // no FNAME, FCOMMENT, FEXTRA
  CHECK(a.substr(4, 4) == std::string(4, '\0'));  // MTIME 0
  CHECK(a[9] == 3);
  // Two members one after the other read as their concatenation, as gzip -d does.
  CHECK(gunzip_text(a + a) == text + text);
}

TEST_CASE("gzip: truncated or corrupt data is an input error and never a short table", "[io]") {
  std::ostringstream os;
  io::GzipWriter gz(os);
  for (int i = 0; i < 5000; ++i) gz << i << ",1.25\n";
  gz.finish();
  const std::string good = os.str();
  CHECK_THROWS_AS(gunzip_text(good.substr(0, good.size() / 2)), ccsim::InputError);
  std::string bad = good;
  bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x55);
  bad[bad.size() - 6] = static_cast<char>(bad[bad.size() - 6] ^ 0x55);  // and the CRC
  CHECK_THROWS_AS(gunzip_text(bad), ccsim::InputError);
}
