#pragma once
// Countries and territories: ISO 3166 codes and names from Debian's iso-codes, plus a small
// curated alias file (corpus/data/country_aliases.tsv) for the spellings reports use.
//
// Threading: a loaded CountryTable is immutable and safe to share between threads.
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/normalize.h"

namespace dossier {

struct Country {
  std::string code;  // ISO 3166-1 alpha-2, upper case ("KZ"); "XK" for Kosovo
  std::string name;  // display name ("Kazakhstan", "Russia", "Bolivia", "North Korea")
};

class CountryTable {
 public:
  // Reads iso_3166-1.json (and iso_3166-3.json for former names) from iso_codes_dir and the
  // embedded alias file. Throws Error{kData} naming the file (and line) that is malformed.
  static CountryTable load(const std::filesystem::path& iso_codes_dir);
  // As load(), with the alias file's text given (for tests); source_name is used in messages.
  static CountryTable load(const std::filesystem::path& iso_codes_dir, std::string_view alias_text,
                           std::string_view source_name);

  CountryTable(CountryTable&&) noexcept;
  CountryTable& operator=(CountryTable&&) noexcept;
  ~CountryTable();

  // A code ("KZ", "kz", "KAZ") or any known name, in any case and with or without accents
  // ("Korea, North", "Burma", "Cote d'Ivoire", "The former Yugoslav Republic of Macedonia").
  std::optional<Country> resolve(std::string_view name_or_code) const;
  // An alpha-2 code in any case ("kz"); "XK" for Kosovo.
  std::optional<Country> by_code(std::string_view alpha2) const;
  // For a name that resolve() does not know: the display names of the countries whose names
  // (any known name, folded) are nearest to it in edits, at most `count`, nearest first; only
  // names within a third of the name's length ("Kazahkstan" -> Kazakhstan).
  std::vector<std::string> nearest_names(std::string_view name, std::size_t count = 3) const;

  // Completions of what a user is typing: the countries with a known name (any: aliases,
  // former and CLDR names) that has a word starting with `prefix` ("myan" -> Burma, "ivory" ->
  // Côte d'Ivoire, "swazi" -> Eswatini), then, for a prefix of four letters or more, those with
  // a word that starts within an edit per four letters of it ("kazahk" -> Kazakhstan). Best
  // first: a name that starts with it, then a later word, then by edits; at most `count`.
  std::vector<Country> completions(std::string_view prefix, std::size_t count) const;

  struct Mention {
    Country country;
    std::size_t begin;  // UTF-8 byte offsets of the name in the text
    std::size_t end;
    // The name is also a common word, person, river or U.S. state ("Georgia", "Jordan", "Chad",
    // "Turkey", "Niger"), or names two countries ("Congo", "Korea"): not evidence on its own.
    bool ambiguous = false;
  };
  // Every country name in the text, longest match first ("Papua New Guinea" is not "Guinea").
  // Only names, not demonyms or codes. Used to find a report's subject country in its title.
  // Upper-case-only aliases ("U.S.", "UAE") match only upper-case text, so "us" is no country.
  std::vector<Mention> find_names(std::string_view text) const;
  // The same over tokens the caller already has (TextNormalizer::tokenize(text)), so that text
  // tagged several ways is tokenized once.
  std::vector<Mention> find_names(std::string_view text, std::span<const Token> tokens) const;

  // The demonyms of a country ("Kazakhstani", "Kazakh"), as the alias file lists them; empty for
  // an unknown code.
  std::vector<std::string> demonyms(std::string_view alpha2) const;
  // Every demonym in the text, longest match first ("Papua New Guinean" is not "Guinean"), also
  // in the regular plural ("Kazakhstanis").
  std::vector<Mention> find_demonyms(std::string_view text) const;
  std::vector<Mention> find_demonyms(std::string_view text, std::span<const Token> tokens) const;

  // Every country and territory, ordered by code.
  std::vector<Country> all() const;
  // Every name resolve() knows (aliases, former and CLDR names), folded, in no order.
  std::vector<std::string> folded_names() const;

 private:
  struct Impl;
  explicit CountryTable(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier
