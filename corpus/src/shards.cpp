#include "corpus/shards.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "corpus/error.h"
#include "corpus/hash.h"

namespace dossier {
namespace fs = std::filesystem;

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

[[noreturn]] void bad_line(const fs::path& stub, int line, const std::string& reason) {
  throw Error(ErrorKind::kIndexMissing,
              "the stub " + stub.string() + ", line " + std::to_string(line) + ": " + reason);
}

ShardSpec parse_line(const fs::path& stub, int line, std::string_view text) {
  const std::size_t space = text.find_first_of(" \t");
  const std::string_view type = text.substr(0, space);
  const std::string_view rest =
      space == std::string_view::npos ? std::string_view{} : trimmed(text.substr(space));
  ShardSpec shard;
  shard.line = line;
  if (type == "auto" || type == "glass") {
    if (rest.empty()) bad_line(stub, line, "\"" + std::string(type) + "\" needs a path");
    shard.kind = ShardSpec::Kind::kLocal;
    fs::path path{std::string(rest)};
    shard.path = path.is_absolute() ? path : (stub.parent_path() / path).lexically_normal();
    return shard;
  }
  if (type == "remote") {
    if (rest.empty()) bad_line(stub, line, "\"remote\" needs HOST:PORT or :PROGRAM ARGS");
    if (rest.front() == ':') {
      const std::string_view command = trimmed(rest.substr(1));
      const std::size_t gap = command.find_first_of(" \t");
      shard.kind = ShardSpec::Kind::kRemoteProgram;
      shard.program = std::string(command.substr(0, gap));
      if (gap != std::string_view::npos)
        shard.arguments = std::string(trimmed(command.substr(gap)));
      if (shard.program.empty()) bad_line(stub, line, "\"remote :\" needs a program");
      return shard;
    }
    const std::size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) {
      bad_line(stub, line, "\"" + std::string(rest) + "\" is not HOST:PORT");
    }
    std::string_view host = rest.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);  // [::1]:33401
    }
    const std::string_view port = rest.substr(colon + 1);
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
      bad_line(stub, line, "\"" + std::string(port) + "\" is not a port (1-65535)");
    }
    shard.kind = ShardSpec::Kind::kRemoteTcp;
    shard.host = std::string(host);
    shard.port = static_cast<std::uint16_t>(value);
    return shard;
  }
  bad_line(stub, line,
           "\"" + std::string(text) +
               "\" is not a shard (write \"remote HOST:PORT\", \"remote :PROGRAM ARGS\" or "
               "\"auto PATH\")");
}

}  // namespace

std::size_t shard_of(std::string_view id, std::size_t shards) {
  return shards <= 1 ? 0 : static_cast<std::size_t>(StableHash().add(id).value() % shards);
}

std::string shard_folder_name(std::size_t index) {
  return "shard-" + std::to_string(index + 1);
}

std::string ShardSpec::name() const {
  switch (kind) {
    case Kind::kLocal:
      return path.string();
    case Kind::kRemoteTcp:
      return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
             std::to_string(port);
    case Kind::kRemoteProgram:
      return arguments.empty() ? program : program + " " + arguments;
  }
  return path.string();  // not reached
}

std::string StubFile::describe(const ShardSpec& shard) const {
  return "shard " + shard.name() + " (line " + std::to_string(shard.line) + " of " + path.string() +
         ")";
}

std::optional<StubFile> read_stub(const fs::path& path) {
  std::error_code ec;
  fs::path file = path;
  if (fs::is_directory(path, ec)) {
    file = path / kStubFileInFolder;
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
  } else if (!fs::is_regular_file(path, ec)) {
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIndexMissing, "cannot read the stub " + file.string());
  StubFile stub;
  stub.path = fs::absolute(file, ec).lexically_normal();
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string_view text = trimmed(line);
    if (text.empty() || text.front() == '#') continue;
    if (text.find('\0') != std::string_view::npos) {
      throw Error(ErrorKind::kIndexMissing,
                  file.string() +
                      " is neither an index folder nor a stub (a text file listing "
                      "shards)");
    }
    stub.shards.push_back(parse_line(stub.path, number, text));
  }
  if (stub.shards.empty()) {
    throw Error(ErrorKind::kIndexMissing, "the stub " + file.string() + " lists no shard");
  }
  return stub;
}

std::string stub_text(const std::vector<ShardSpec>& shards, const fs::path& folder) {
  std::ostringstream out;
  for (const ShardSpec& shard : shards) {
    switch (shard.kind) {
      case ShardSpec::Kind::kLocal: {
        const fs::path relative = shard.path.lexically_relative(folder);
        const bool inside = !relative.empty() && *relative.begin() != "..";
        out << "auto " << (inside ? relative : shard.path).string() << "\n";
        break;
      }
      case ShardSpec::Kind::kRemoteTcp:
        out << "remote " << shard.name() << "\n";
        break;
      case ShardSpec::Kind::kRemoteProgram:
        out << "remote :" << shard.name() << "\n";
        break;
    }
  }
  return out.str();
}

}  // namespace dossier
