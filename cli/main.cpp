#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "model/batch/mpi.hpp"
#include "model/revision.hpp"

namespace {

struct Command {
  const char* name;
  int (*fn)(const ccsim::cli::Args&);
  const char* summary;
};

const Command kCommands[] = {
    {"run", ccsim::cli::cmd_run, "run a scenario's replications and write CSV outputs"},
    {"validate", ccsim::cli::cmd_validate, "check scenario files, reporting every problem"},
    {"schema", ccsim::cli::cmd_schema, "print the JSON Schema of the scenario format"},
    {"resolve", ccsim::cli::cmd_resolve, "print a scenario with extends and --set applied"},
    {"calibrate", ccsim::cli::cmd_calibrate, "fit the free parameters to the target figures"},
    {"compare", ccsim::cli::cmd_compare, "compare runs with confidence intervals"},
    {"sweep", ccsim::cli::cmd_sweep, "run parameter sweeps (grid, LHS, Morris, Sobol)"},
    {"merge", ccsim::cli::cmd_merge, "combine the shards of a sweep into its full outputs"},
    {"report", ccsim::cli::cmd_report, "write an offline HTML report with charts of runs/sweeps"},
};

void usage(std::ostream& os) {
  os << "usage: ccsim COMMAND [options]   (ccsim COMMAND --help for a command's options)\n\n";
  for (const auto& c : kCommands)
    os << "  " << c.name << std::string(12 - std::strlen(c.name), ' ') << c.summary << "\n";
  os << "\nConventions: '-' as an input file is standard input (ccsim run - < baseline.json;\n"
        "its relative paths are taken from the current directory), as compare's --out standard\n"
        "output; --threads defaults to every core, and results do not depend on it; -q is quiet.\n";
}

}  // namespace

int main(int argc, char** argv) {
  ccsim::cli::install_signal_cleanup();  // before any thread starts: they inherit the mask
  if (argc < 2) {
    usage(std::cerr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || (name == "help" && argc == 2)) {
    usage(std::cout);
    return 0;
  }
  // `ccsim help CMD` is `ccsim CMD --help`.
  if (name == "help") {
    for (const auto& c : kCommands)
      if (std::strcmp(argv[2], c.name) == 0) return c.fn(ccsim::cli::Args{"--help"});
    std::cerr << "ccsim help: unknown command '" << argv[2] << "'\n";
    usage(std::cerr);
    return 2;
  }
  if (name == "--version") {
    std::cout << "ccsim " << CCSIM_VERSION << " (" << ccsim::git_revision() << ")\n";
    return 0;
  }
  // Under mpirun (only then: a plain ccsim never touches MPI), sweep and calibrate run over the
  // ranks; any other command runs on one process.
  std::optional<ccsim::batch::mpi::Session> mpi;
  if (ccsim::batch::mpi::launched()) mpi.emplace(&argc, &argv);
  const int ranks = ccsim::batch::mpi::size();
  if (ranks > 1 && name != "sweep" && name != "calibrate") {
    if (ccsim::batch::mpi::rank() == 0)
      std::cerr << "ccsim " << name << ": runs as one process; under mpirun only `ccsim sweep` "
                << "and `ccsim calibrate` use several ranks (start it with -np 1)\n";
    return 2;
  }
  // An error on one rank ends the job: the others would wait for it forever.
  auto fail = [&](int code) {
    if (ranks > 1) ccsim::batch::mpi::abort(code);
    return code;
  };
  for (const auto& c : kCommands) {
    if (name != c.name) continue;
    try {
      return c.fn(ccsim::cli::Args(argv + 2, argv + argc));
    } catch (const ccsim::cli::OutputPathError& e) {  // usage, found before any work
      std::cerr << "ccsim " << name << ": " << e.what() << "\n";
      return fail(2);
    } catch (const std::exception& e) {
      std::cerr << "ccsim " << name << ": " << e.what() << "\n";
      return fail(1);
    }
  }
  std::cerr << "ccsim: unknown command '" << name << "'\n";
  usage(std::cerr);
  return 2;
}
