#include "corpus/countries.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "corpus/error.h"
#include "test_paths.h"

namespace dossier {
namespace {

// Debian's iso-codes, or $DOSSIER_ISO_CODES as Gazetteers::load() honours it.
std::filesystem::path iso_codes_dir() {
  const char* override_dir = std::getenv("DOSSIER_ISO_CODES");
  return override_dir != nullptr && *override_dir != '\0' ? override_dir
                                                          : "/usr/share/iso-codes/json";
}

// Loading takes a few milliseconds; the tests share one table.
const CountryTable& table() {
  static const CountryTable kTable = CountryTable::load(iso_codes_dir());
  return kTable;
}

std::string code_of(std::string_view name) {
  const auto country = table().resolve(name);
  return country ? country->code : "(unresolved)";
}

std::string slice(std::string_view text, const CountryTable::Mention& mention) {
  return std::string(text.substr(mention.begin, mention.end - mention.begin));
}

// "KZ Kazakhstan, ..." for readable failures.
std::string describe(std::string_view text, const std::vector<CountryTable::Mention>& mentions) {
  std::string out;
  for (const auto& mention : mentions) {
    if (!out.empty()) out += ", ";
    out += mention.country.code + " '" + slice(text, mention) + "'";
    if (mention.ambiguous) out += " (ambiguous)";
  }
  return out;
}

std::string load_error(std::string_view alias_text) {
  try {
    (void)CountryTable::load(iso_codes_dir(), alias_text, "test.tsv");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kData);
    return e.what();
  }
  return "(no error)";
}

TEST(Countries, LoadsEveryIsoCountry) {
  const CountryTable fresh = CountryTable::load(iso_codes_dir());

  const std::vector<Country> all = fresh.all();
  EXPECT_GE(all.size(), 250u);  // 249 in ISO 3166-1, plus Kosovo
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                             [](const Country& a, const Country& b) { return a.code < b.code; }));
  std::set<std::string> codes;
  for (const Country& country : all) {
    EXPECT_EQ(country.code.size(), 2u) << country.code;
    EXPECT_FALSE(country.name.empty()) << country.code;
    codes.insert(country.code);
  }
  EXPECT_EQ(codes.size(), all.size());
  EXPECT_TRUE(codes.contains("XK"));
}

TEST(Countries, DisplayNamesAreTheOnesReadersExpect) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"KZ", "Kazakhstan"},
      {"RU", "Russia"},
      {"BO", "Bolivia"},
      {"IR", "Iran"},
      {"SY", "Syria"},
      {"VE", "Venezuela"},
      {"TZ", "Tanzania"},
      {"MD", "Moldova"},
      {"LA", "Laos"},
      {"VN", "Vietnam"},
      {"TW", "Taiwan"},
      {"KR", "South Korea"},
      {"KP", "North Korea"},
      {"CD", "Democratic Republic of the Congo"},
      {"CG", "Republic of the Congo"},
      {"FM", "Micronesia"},
      {"CZ", "Czechia"},
      {"TR", "Turkey"},
      {"XK", "Kosovo"},
      {"PS", "Palestinian Territories"},
      {"BN", "Brunei"},
      {"CV", "Cabo Verde"},
      {"SZ", "Eswatini"},
      {"VA", "Holy See"},
      {"MO", "Macau"},
      {"HK", "Hong Kong"},
      {"MM", "Burma"},
      {"KG", "Kyrgyzstan"},
      {"MK", "North Macedonia"},
      {"CI", "Côte d'Ivoire"},
      {"SX", "Sint Maarten"},
      {"US", "United States"},
      {"GB", "United Kingdom"},
  };
  for (const auto& [code, name] : expected) {
    const auto country = table().by_code(code);
    ASSERT_TRUE(country) << code;
    EXPECT_EQ(country->code, code);
    EXPECT_EQ(country->name, name) << code;
  }
}

TEST(Countries, ByCodeTakesAlpha2InAnyCase) {
  EXPECT_EQ(table().by_code("kz")->name, "Kazakhstan");
  EXPECT_EQ(table().by_code("Xk")->name, "Kosovo");
  EXPECT_FALSE(table().by_code("KAZ"));
  EXPECT_FALSE(table().by_code("QQ"));
  EXPECT_FALSE(table().by_code(""));
}

TEST(Countries, ResolvesCodesNamesAndReportSpellings) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"KZ", "KZ"},
      {"kz", "KZ"},
      {"KAZ", "KZ"},
      {"kaz", "KZ"},
      {"XK", "XK"},
      {"Kazakhstan", "KZ"},
      {"KAZAKHSTAN", "KZ"},
      {"Burma", "MM"},
      {"Myanmar", "MM"},
      {"Burma (Myanmar)", "MM"},
      {"Kyrgyz Republic", "KG"},
      {"Korea, North", "KP"},
      {"Democratic People's Republic of Korea", "KP"},
      {"Democratic People’s Republic of Korea", "KP"},
      {"DPRK", "KP"},
      {"Korea, South", "KR"},
      {"Republic of Korea", "KR"},
      {"Congo, Republic of the", "CG"},
      {"Congo, Democratic Republic of the", "CD"},
      {"Zaire", "CD"},
      {"The former Yugoslav Republic of Macedonia", "MK"},
      {"Côte d’Ivoire", "CI"},
      {"Cote d'Ivoire", "CI"},
      {"Ivory Coast", "CI"},
      {"Swaziland", "SZ"},
      {"Macau", "MO"},
      {"Macao", "MO"},
      {"Kosovo", "XK"},
      {"Czech Republic", "CZ"},
      {"East Timor", "TL"},
      {"Timor-Leste", "TL"},
      {"Bahamas, The", "BS"},
      {"The Bahamas", "BS"},
      {"The Netherlands", "NL"},
      {"the netherlands.", "NL"},
      {"Turkey (Türkiye)", "TR"},
      {"Türkiye", "TR"},
      {"Bolivia (Plurinational State of)", "BO"},
      {"Iran (Islamic Republic of)", "IR"},
      {"Libyan Arab Jamahiriya", "LY"},
      {"Lao People's Democratic Republic", "LA"},
      {"Viet Nam", "VN"},
      {"Cape Verde", "CV"},
      {"Israel, West Bank and Gaza", "IL"},
      {"West Bank", "PS"},
      {"China (Includes Tibet, Xinjiang, Hong Kong, and Macau)", "CN"},
      {"China (including Hong Kong, China and Macao, China)", "CN"},
      {"United States of America", "US"},
      {"U.S.", "US"},
      {"Upper Volta", "BF"},  // ISO 3166-3 former name
      {"  Georgia  ", "GE"},
      {"Guinea-Bissau", "GW"},
      {"Birmanie", "MM"},  // CLDR French "Myanmar (Birmanie)": its parts are names too
      {"Ivory Coast", "CI"},
      {"Kasachstan", "KZ"},
  };
  for (const auto& [name, code] : expected) EXPECT_EQ(code_of(name), code) << name;
}

TEST(Countries, NearestNamesForAMisspelling) {
  EXPECT_EQ(table().nearest_names("Kazahkstan"), std::vector<std::string>{"Kazakhstan"});
  EXPECT_EQ(table().nearest_names("Equitorial Guinea").front(), "Equatorial Guinea");
  EXPECT_TRUE(table().nearest_names("Narnia").empty());
  EXPECT_LE(table().nearest_names("Guinea", 2).size(), 2u);
}

// The codes of the first `count` completions of `prefix`.
std::vector<std::string> completed(std::string_view prefix, std::size_t count = 3) {
  std::vector<std::string> codes;
  for (const Country& c : table().completions(prefix, count)) codes.push_back(c.code);
  return codes;
}

TEST(Countries, CompletionsKnowAliasesAndForgiveTypos) {
  // By an alias or a former name, not only the display name.
  EXPECT_EQ(completed("myan", 1), std::vector<std::string>{"MM"});
  EXPECT_EQ(completed("ivory", 1), std::vector<std::string>{"CI"});
  EXPECT_EQ(completed("swazi", 1), std::vector<std::string>{"SZ"});
  EXPECT_EQ(completed("Ivory Co", 1), std::vector<std::string>{"CI"});
  EXPECT_EQ(completed("côte", 1), std::vector<std::string>{"CI"});
  // A name that starts with it comes before one with a later word that does.
  EXPECT_EQ(completed("kaz", 1), std::vector<std::string>{"KZ"});
  const std::vector<std::string> guinea = completed("guinea", 4);
  ASSERT_FALSE(guinea.empty());
  EXPECT_EQ(guinea.front(), "GN");
  // Typos, from four letters: an edit per four.
  EXPECT_EQ(completed("kazahk", 1), std::vector<std::string>{"KZ"});
  EXPECT_EQ(completed("kyrgz", 1), std::vector<std::string>{"KG"});
  EXPECT_TRUE(completed("qqqq").empty());
  EXPECT_TRUE(completed("xz").empty());  // too short to forgive a typo
  EXPECT_TRUE(completed("").empty());
  EXPECT_LE(completed("a", 5).size(), 5u);
}

TEST(Countries, DoesNotResolveDemonymsOrUnknownNames) {
  EXPECT_FALSE(table().resolve("Kazakhstani"));
  EXPECT_FALSE(table().resolve("World"));
  EXPECT_FALSE(table().resolve("Report on Kazakhstan"));
  EXPECT_FALSE(table().resolve(""));
  EXPECT_FALSE(table().resolve("Yugoslavia"));  // split into several countries
  EXPECT_FALSE(table().resolve("USSR"));
  EXPECT_FALSE(table().resolve("QQ"));
}

TEST(Countries, ResolvesEveryCountryOfTheSharedManifest) {
  const auto corpus = test::shared_corpus_dir();
  if (!corpus)
    GTEST_SKIP() << "shared corpus absent: no ../shared/corpus/MANIFEST.tsv and no "
                    "$DOSSIER_SHARED_CORPUS";
  std::ifstream manifest(*corpus / "MANIFEST.tsv");
  ASSERT_TRUE(manifest) << (*corpus / "MANIFEST.tsv");
  std::set<std::string> countries;
  std::string line;
  bool header = true;
  while (std::getline(manifest, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::istringstream fields(line);
    std::string field;
    for (int column = 0; column < 3 && std::getline(fields, field, '\t'); ++column) {
    }
    if (!field.empty() && field != "World") countries.insert(field);
  }
  EXPECT_GT(countries.size(), 150u);
  for (const std::string& country : countries) {
    EXPECT_TRUE(table().resolve(country)) << "unresolved MANIFEST country: " << country;
  }
}

TEST(Countries, FindsEachManifestTitlesOwnCountry) {
  const auto corpus = test::shared_corpus_dir();
  if (!corpus)
    GTEST_SKIP() << "shared corpus absent: no ../shared/corpus/MANIFEST.tsv and no "
                    "$DOSSIER_SHARED_CORPUS";
  std::ifstream manifest(*corpus / "MANIFEST.tsv");
  ASSERT_TRUE(manifest);
  std::string line;
  std::getline(manifest, line);  // header
  std::size_t titles = 0;
  while (std::getline(manifest, line)) {
    std::istringstream fields(line);
    std::string file, title, country;
    std::getline(fields, file, '\t');
    std::getline(fields, title, '\t');
    std::getline(fields, country, '\t');
    const auto subject = table().resolve(country);
    if (!subject) continue;  // "World"; the resolve test covers the rest
    ++titles;
    const auto mentions = table().find_names(title);
    EXPECT_TRUE(std::any_of(mentions.begin(), mentions.end(),
                            [&](const auto& m) { return m.country.code == subject->code; }))
        << file << ": '" << title << "' -> " << describe(title, mentions);
  }
  EXPECT_GT(titles, 1000u);
}

TEST(Countries, FindsSubjectsInReportTitles) {
  {
    const std::string title =
        "U.S. Department of State 2004 Trafficking in Persons Report - Kazakhstan";
    const auto mentions = table().find_names(title);
    ASSERT_EQ(mentions.size(), 2u) << describe(title, mentions);
    EXPECT_EQ(mentions[0].country.code, "US");
    EXPECT_EQ(slice(title, mentions[0]), "U.S.");
    EXPECT_EQ(mentions[1].country.code, "KZ");
    EXPECT_EQ(slice(title, mentions[1]), "Kazakhstan");
    EXPECT_EQ(mentions[1].end, title.size());
  }
  const std::vector<std::tuple<std::string, std::string, std::string>> titles = {
      {"The World Factbook 2006 - Algeria: Transnational Issues", "DZ", "Algeria"},
      {"Kyrgyz Republic 2024 Human Rights Report", "KG", "Kyrgyz Republic"},
      {"Report of the Working Group on the Universal Periodic Review: Papua New Guinea", "PG",
       "Papua New Guinea"},
      {"2022 Report on International Religious Freedom: Burma", "MM", "Burma"},
      {"2021 Trafficking in Persons Report: Guinea-Bissau", "GW", "Guinea-Bissau"},
      {"2021 Trafficking in Persons Report: Equatorial Guinea", "GQ", "Equatorial Guinea"},
      {"2021 Trafficking in Persons Report: Dominican Republic", "DO", "Dominican Republic"},
      {"2021 Trafficking in Persons Report: Dominica", "DM", "Dominica"},
      {"2023 Country Reports on Human Rights Practices: Congo, Democratic Republic of the", "CD",
       "Congo, Democratic Republic of the"},
      {"Country Reports: Korea, North", "KP", "Korea, North"},
      {"Report on Côte d’Ivoire", "CI", "Côte d’Ivoire"},
      {"Report on Israel, West Bank and Gaza", "IL", "Israel, West Bank and Gaza"},
      {"2010 Human Rights Report: China (Includes Tibet, Hong Kong, and Macau)", "CN",
       "China (Includes Tibet, Hong Kong, and Macau"},
  };
  for (const auto& [title, code, name] : titles) {
    const auto mentions = table().find_names(title);
    ASSERT_EQ(mentions.size(), 1u) << title << ": " << describe(title, mentions);
    EXPECT_EQ(mentions[0].country.code, code) << title;
    EXPECT_EQ(slice(title, mentions[0]), name) << title;
    EXPECT_FALSE(mentions[0].ambiguous) << title;
  }
}

TEST(Countries, FindNamesPrefersTheLongestNameAndKeepsByteOffsets) {
  const std::string text =
      "Niger, Nigeria, South Sudan and Sudan; Guinea and Papua New Guinea; Kazakhstan’s border.";
  const auto mentions = table().find_names(text);
  ASSERT_EQ(mentions.size(), 7u) << describe(text, mentions);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"NE", "Niger"},  {"NG", "Nigeria"},          {"SS", "South Sudan"}, {"SD", "Sudan"},
      {"GN", "Guinea"}, {"PG", "Papua New Guinea"}, {"KZ", "Kazakhstan"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(mentions[i].country.code, expected[i].first) << i;
    EXPECT_EQ(slice(text, mentions[i]), expected[i].second) << i;
  }
  EXPECT_TRUE(mentions[0].ambiguous);   // Niger, the river
  EXPECT_FALSE(mentions[1].ambiguous);  // Nigeria
  EXPECT_TRUE(mentions[4].ambiguous);   // Guinea
  EXPECT_FALSE(mentions[5].ambiguous);  // Papua New Guinea
}

TEST(Countries, FlagsAmbiguousNames) {
  const std::string text = "Chad met Jordan in Georgia, not in the Republic of Georgia or Turkey.";
  const auto mentions = table().find_names(text);
  ASSERT_EQ(mentions.size(), 5u) << describe(text, mentions);
  EXPECT_EQ(mentions[0].country.code, "TD");
  EXPECT_TRUE(mentions[0].ambiguous);
  EXPECT_EQ(mentions[1].country.code, "JO");
  EXPECT_TRUE(mentions[1].ambiguous);
  EXPECT_EQ(mentions[2].country.code, "GE");
  EXPECT_TRUE(mentions[2].ambiguous);
  EXPECT_EQ(mentions[3].country.code, "GE");
  EXPECT_FALSE(mentions[3].ambiguous);
  EXPECT_EQ(slice(text, mentions[3]), "Republic of Georgia");
  EXPECT_EQ(mentions[4].country.code, "TR");
  EXPECT_TRUE(mentions[4].ambiguous);
}

TEST(Countries, AcronymsMatchOnlyUpperCaseText) {
  EXPECT_TRUE(table().find_names("Victims told us about it.").empty());
  const std::string text = "The US and the UAE, and the DPRK.";
  const auto mentions = table().find_names(text);
  ASSERT_EQ(mentions.size(), 3u) << describe(text, mentions);
  EXPECT_EQ(mentions[0].country.code, "US");
  EXPECT_EQ(mentions[1].country.code, "AE");
  EXPECT_EQ(mentions[2].country.code, "KP");
}

TEST(Countries, FindNamesIgnoresDemonymsAndCodes) {
  EXPECT_TRUE(table().find_names("Kazakhstani and Uzbek workers, KZ and KAZ").empty());
  EXPECT_TRUE(table().find_names("").empty());
}

TEST(Countries, DemonymsAreListedAndFoundSeparately) {
  const auto kazakh = table().demonyms("KZ");
  EXPECT_NE(std::find(kazakh.begin(), kazakh.end(), "Kazakhstani"), kazakh.end());
  EXPECT_NE(std::find(kazakh.begin(), kazakh.end(), "Kazakh"), kazakh.end());
  EXPECT_TRUE(table().demonyms("QQ").empty());

  // Every UN member state in the corpus's usual set has a demonym, except the two Congos.
  std::size_t with_demonyms = 0;
  for (const Country& country : table().all()) {
    if (!table().demonyms(country.code).empty()) ++with_demonyms;
  }
  EXPECT_GE(with_demonyms, 190u);

  const std::string text =
      "Kazakhstanis, Uzbek migrants, Papua New Guinean and Guinean nationals; Laos and the Lao.";
  const auto mentions = table().find_demonyms(text);
  ASSERT_EQ(mentions.size(), 5u) << describe(text, mentions);
  EXPECT_EQ(mentions[0].country.code, "KZ");
  EXPECT_EQ(slice(text, mentions[0]), "Kazakhstanis");
  EXPECT_EQ(mentions[1].country.code, "UZ");
  EXPECT_EQ(mentions[2].country.code, "PG");
  EXPECT_EQ(slice(text, mentions[2]), "Papua New Guinean");
  EXPECT_EQ(mentions[3].country.code, "GN");
  EXPECT_EQ(mentions[4].country.code, "LA");  // "Lao", but not "Laos", which is a name
  EXPECT_EQ(slice(text, mentions[4]), "Lao");
}

TEST(Countries, MalformedAliasLinesNameTheFileAndLine) {
  EXPECT_EQ(load_error("# comment\n\nKZ\tname\n"),
            "test.tsv:3: expected 3 tab-separated columns (CODE, KIND, TEXT), found 2");
  EXPECT_EQ(load_error("KZ\tname\tA\tB\n"),
            "test.tsv:1: expected 3 tab-separated columns (CODE, KIND, TEXT), found 4");
  EXPECT_EQ(load_error("KZ\tname\tKazakstan\nQQ\tname\tNowhere\n"),
            "test.tsv:2: unknown country code 'QQ'");
  EXPECT_EQ(load_error("kz\tname\tKazakstan\n"), "test.tsv:1: unknown country code 'kz'");
  EXPECT_EQ(load_error("KZ\tnickname\tKaz\n"),
            "test.tsv:1: unknown kind 'nickname' (expected country, display, name, ambiguous or "
            "demonym)");
  EXPECT_EQ(load_error("KZ\tname\t\n"), "test.tsv:1: empty TEXT column");
  EXPECT_EQ(load_error("KZ\tname\tUzbekistan\n"),
            "test.tsv:1: 'Uzbekistan' is already a name of UZ (Uzbekistan)");
  EXPECT_EQ(load_error("KZ\tname\tUZB\n"), "test.tsv:1: 'UZB' is the code of UZ (Uzbekistan)");
  EXPECT_EQ(load_error("KZ\tdemonym\tUzbek\r\nUZ\tdemonym\tUzbek\r\n"),
            "test.tsv:2: 'Uzbek' is already a demonym of KZ (Kazakhstan)");
  EXPECT_EQ(load_error("KZ\tdisplay\tKaz\nKZ\tdisplay\tQazaqstan\n"),
            "test.tsv:2: second display name for KZ");
  EXPECT_EQ(load_error("KZ\tcountry\tKazakhstan\n"),
            "test.tsv:1: country code KZ is already defined");
  EXPECT_EQ(load_error("KZ\tname\t--\n"), "test.tsv:1: '--' has no words");
}

TEST(Countries, AliasTextGivenDirectlyIsUsed) {
  const CountryTable custom = CountryTable::load(
      iso_codes_dir(), "# test\nXK\tcountry\tKosovo\nKZ\tdisplay\tQazaqstan\n", "test.tsv");
  EXPECT_EQ(custom.by_code("KZ")->name, "Qazaqstan");
  EXPECT_EQ(custom.resolve("Qazaqstan")->code, "KZ");
  EXPECT_EQ(custom.resolve("Kazakhstan")->code, "KZ");
  EXPECT_EQ(custom.by_code("RU")->name, "Russian Federation");  // no override here
  EXPECT_EQ(custom.resolve("Burma")->code, "MM");               // from ISO 3166-3
  EXPECT_EQ(custom.resolve("kosovo")->code, "XK");
}

TEST(Countries, MalformedIsoFilesNameTheFile) {
  const auto dir = test::scratch_dir("countries-iso");
  const auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream(dir / name) << content;
  };
  const auto error_of = [&]() -> std::string {
    try {
      (void)CountryTable::load(dir, "", "test.tsv");
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kData);
      return e.what();
    }
    return "(no error)";
  };
  const std::string current = (dir / "iso_3166-1.json").string();
  const std::string former = (dir / "iso_3166-3.json").string();

  EXPECT_EQ(error_of(), current + ": cannot open the file");
  write("iso_3166-1.json", "{\"3166-1\": [");
  EXPECT_EQ(error_of().rfind(current + ": [json.exception.parse_error", 0), 0u) << error_of();
  write("iso_3166-1.json", "{\"countries\": []}");
  EXPECT_EQ(error_of(), current + ": no \"3166-1\" array");
  write("iso_3166-1.json", R"({"3166-1": [{"alpha_2": "KZ", "name": "Kazakhstan"}]})");
  EXPECT_EQ(error_of(), current + ": entry 0: no \"alpha_3\"");
  write("iso_3166-1.json", R"({"3166-1": [{"alpha_2": "KZ", "alpha_3": "KAZ", "name": 7}]})");
  EXPECT_EQ(error_of(), current + ": entry 0: \"name\" is not a string");

  write("iso_3166-1.json", R"({"3166-1": [
      {"alpha_2": "KZ", "alpha_3": "KAZ", "name": "Kazakhstan"},
      {"alpha_2": "MM", "alpha_3": "MMR", "name": "Myanmar"},
      {"alpha_2": "RS", "alpha_3": "SRB", "name": "Serbia"},
      {"alpha_2": "ME", "alpha_3": "MNE", "name": "Montenegro"}]})");
  EXPECT_EQ(error_of(), former + ": cannot open the file");
  write("iso_3166-3.json", R"({"3166-3": [
      {"alpha_2": "BU", "alpha_3": "BUR", "alpha_4": "BUMM",
       "name": "Burma, Socialist Republic of the Union of"},
      {"alpha_2": "CS", "alpha_3": "SCG", "alpha_4": "CSXX", "name": "Serbia and Montenegro"}]})");
  const CountryTable small = CountryTable::load(dir, "", "test.tsv");
  EXPECT_EQ(small.all().size(), 4u);
  EXPECT_EQ(small.resolve("Burma")->code, "MM");
  EXPECT_EQ(small.resolve("Burma, Socialist Republic of the Union of")->code, "MM");
  EXPECT_FALSE(small.resolve("Serbia and Montenegro"));  // split: no single successor
}

}  // namespace
}  // namespace dossier
