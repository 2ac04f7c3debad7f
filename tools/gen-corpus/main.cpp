// gen-corpus: deterministic synthetic archives and query logs for benchmarks.
//
//   gen-corpus reports --count 10000 --out DIR [--seed 1] [--vocabulary corpus/samples/archive]
//   gen-corpus queries --count 2000 --out FILE [--seed 1] [--vocabulary ...]
//
// Reports follow the layout of the shared archive (title, Publisher / Author / Publication Date /
// Cite as lines, then paragraphs) across the five series, about 190 countries and 30 years. The
// text is drawn from the word frequencies of a real archive (the bundled samples by default), so
// posting lists have English-like lengths, and it names countries, ministries and organizations
// from the gazetteers and uses the topic phrases, so every facet has values to count.
//
// Output depends only on the seed, the count and the vocabulary archive: report i is generated
// from its own random stream, so a 1,000-report archive is the first 1,000 files of a larger one.
// Query lines are URL query strings ("q=forced%20labor&country=KZ"), for the API, wrk and the
// in-process benchmark alike.
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "corpus/gazetteers.h"
#include "corpus/normalize.h"
#include "corpus/regions.h"

namespace fs = std::filesystem;

namespace dossier::gen {
namespace {

// splitmix64: the same numbers from the same seed on every platform and standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  // Uniform in [low, high].
  int between(int low, int high) { return low + static_cast<int>(below(high - low + 1)); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

 private:
  std::uint64_t state_;
};

// Words with their frequencies in a real archive; drawn in proportion to them.
class Vocabulary {
 public:
  static Vocabulary from_archive(const fs::path& dir) {
    std::map<std::string, std::uint64_t> counts;
    std::map<std::pair<std::string, std::string>, std::uint64_t> pairs;
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), {});
      std::string word, previous;
      auto flush = [&] {
        if (word.size() >= 2 || word == "a") {
          ++counts[word];
          if (!previous.empty()) ++pairs[{previous, word}];
          previous = word;
        }
        word.clear();
      };
      for (char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
          word += static_cast<char>(c | 0x20);
        } else {
          flush();
          if (c != ' ') previous.clear();  // phrases do not cross punctuation
        }
      }
      flush();
    }
    if (counts.empty()) throw std::runtime_error("no words in " + dir.string());
    Vocabulary v;
    for (auto& [word, count] : counts) v.entries_.push_back({word, count});
    std::sort(v.entries_.begin(), v.entries_.end(), [](const Entry& a, const Entry& b) {
      return a.count != b.count ? a.count > b.count : a.word < b.word;
    });
    std::uint64_t total = 0;
    for (const Entry& e : v.entries_) v.cumulative_.push_back(total += e.count);
    // Phrases for queries: word pairs seen often, of words that are not among the most common.
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < v.entries_.size(); ++i) rank[v.entries_[i].word] = i;
    for (const auto& [pair, count] : pairs) {
      if (count >= 8 && rank[pair.first] >= 40 && rank[pair.second] >= 40 &&
          pair.first.size() >= 3 && pair.second.size() >= 3) {
        v.phrases_.push_back(pair.first + " " + pair.second);
      }
    }
    return v;
  }

  const std::string& draw(Random& random) const {
    const std::uint64_t at = random.next() % cumulative_.back();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), at);
    return entries_[static_cast<std::size_t>(it - cumulative_.begin())].word;
  }
  // A word a researcher would type: past the function words, not a rarity.
  const std::string& query_word(Random& random) const {
    const std::size_t low = std::min<std::size_t>(60, entries_.size() - 1);
    const std::size_t high = std::min<std::size_t>(4000, entries_.size());
    for (;;) {
      const std::string& word = entries_[low + random.below(high - low)].word;
      if (word.size() >= 3) return word;
    }
  }
  const std::vector<std::string>& phrases() const { return phrases_; }

 private:
  struct Entry {
    std::string word;
    std::uint64_t count;
  };
  std::vector<Entry> entries_;
  std::vector<std::uint64_t> cumulative_;
  std::vector<std::string> phrases_;
};

struct SeriesTemplate {
  std::string_view file_prefix;
  std::string_view publisher;
  std::string_view author;
  int weight;          // share of the archive
  int min_paragraphs;  // each of 50-400 words
  int max_paragraphs;
  bool numbered;  // UN style "12. " paragraphs
};

constexpr std::array kSeries = {
    SeriesTemplate{"us-dos-tip", "United States Department of State",
                   "Office to Monitor and Combat Trafficking in Persons", 25, 3, 9, false},
    SeriesTemplate{"hrr", "United States Department of State",
                   "Bureau of Democracy, Human Rights, and Labor", 15, 8, 20, false},
    SeriesTemplate{"us-dos-irf", "United States Department of State",
                   "Office of International Religious Freedom", 25, 3, 10, false},
    SeriesTemplate{"un-hrc-upr", "UN Human Rights Council",
                   "Working Group on the Universal Periodic Review", 15, 6, 16, true},
    SeriesTemplate{"cia-wfb", "Central Intelligence Agency (United States)", "", 20, 2, 5, false},
};

std::string title_of(std::size_t series, int year, const std::string& country) {
  const std::string y = std::to_string(year);
  switch (series) {
    case 0:
      return "U.S. Department of State " + y + " Trafficking in Persons Report - " + country;
    case 1:
      return country + " " + y + " Human Rights Report";
    case 2:
      return y + " Report on International Religious Freedom: " + country;
    case 3:
      return "Report of the Working Group on the Universal Periodic Review: " + country;
    default:
      return "The World Factbook " + y + " - " + country + ": Transnational Issues";
  }
}

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

constexpr std::array<std::string_view, 14> kMinistries = {"Justice",
                                                          "Interior",
                                                          "Foreign Affairs",
                                                          "Labor",
                                                          "Health",
                                                          "Education",
                                                          "Social Welfare",
                                                          "Defense",
                                                          "Internal Affairs",
                                                          "Finance",
                                                          "Labor and Social Protection",
                                                          "Women's Affairs",
                                                          "Religious Affairs",
                                                          "Culture"};

constexpr std::array<std::string_view, 8> kOtherBodies = {
    "National Police",         "Supreme Court",     "Office of the Prosecutor General",
    "Constitutional Court",    "National Assembly", "Border Guard Service",
    "Human Rights Commission", "Ombudsman's Office"};

// What reports name: countries, organizations and the topic phrases that classify them.
struct Names {
  std::vector<Country> countries;
  std::vector<std::string> organizations;
  std::vector<std::string> topic_phrases;

  static Names from(const Gazetteers& gazetteers) {
    Names names;
    for (Country& country : gazetteers.countries.all()) {
      if (un_region_of(country.code)) names.countries.push_back(std::move(country));
    }
    for (std::string_view name :
         {"International Organization for Migration", "UNICEF", "UN High Commissioner for Refugees",
          "International Labour Organization", "Human Rights Watch", "Amnesty International",
          "Organization for Security and Co-operation in Europe", "European Union",
          "International Committee of the Red Cross", "UN Office on Drugs and Crime",
          "Council of Europe", "African Union", "World Bank", "La Strada", "Walk Free"}) {
      names.organizations.emplace_back(name);
    }
    for (std::string_view phrase : {"trafficking in persons",
                                    "forced labor",
                                    "sexual exploitation",
                                    "religious freedom",
                                    "freedom of expression",
                                    "torture",
                                    "child labor",
                                    "domestic violence",
                                    "refugees and asylum seekers",
                                    "corruption",
                                    "prison conditions",
                                    "freedom of assembly",
                                    "discrimination against women",
                                    "persons with disabilities",
                                    "death penalty",
                                    "internally displaced persons",
                                    "migrant workers",
                                    "freedom of the press",
                                    "arbitrary detention",
                                    "indigenous peoples",
                                    "elections"}) {
      names.topic_phrases.emplace_back(phrase);
    }
    return names;
  }
};

class ReportWriter {
 public:
  ReportWriter(const Vocabulary& vocabulary, const Names& names, std::uint64_t seed)
      : vocabulary_(vocabulary), names_(names), seed_(seed) {}

  // The file name and text of report `index`.
  std::pair<std::string, std::string> report(std::size_t index) const {
    Random random(seed_ * 0x100000001B3ULL + index * 0x9E3779B97F4A7C15ULL + 1);
    int total_weight = 0;
    for (const SeriesTemplate& s : kSeries) total_weight += s.weight;
    int pick = static_cast<int>(random.below(total_weight));
    std::size_t series = 0;
    while (pick >= kSeries[series].weight) pick -= kSeries[series++].weight;
    const SeriesTemplate& tmpl = kSeries[series];
    const Country& country = names_.countries[random.below(names_.countries.size())];
    const int year = random.between(1995, 2024);
    const std::string title = title_of(series, year, country.name);
    const std::string published = std::to_string(random.between(1, 28)) + " " +
                                  std::string(kMonths[random.below(12)]) + " " +
                                  std::to_string(year + 1);

    std::string text = title + "\n\nPublisher " + std::string(tmpl.publisher) + "\n";
    if (!tmpl.author.empty()) text += "Author " + std::string(tmpl.author) + "\n";
    text += "Publication Date " + published + "\nCite as " + std::string(tmpl.publisher) + ", " +
            title + ", " + published + "\n\n";
    if (series == 0) {
      static constexpr std::array<std::string_view, 4> kTiers = {"Tier 1", "Tier 2",
                                                                 "Tier 2 Watch List", "Tier 3"};
      text += country.name + " (" + std::string(kTiers[random.below(kTiers.size())]) + ")\n\n";
    }
    const int paragraphs = random.between(tmpl.min_paragraphs, tmpl.max_paragraphs);
    for (int p = 1; p <= paragraphs; ++p) {
      if (tmpl.numbered) text += std::to_string(p) + ". ";
      text += paragraph(random, country);
      text += "\n\n";
    }
    const std::string file = std::string(tmpl.file_prefix) + "_" + std::to_string(year) + "_" +
                             slugify(country.name) + "_" + std::to_string(index) + ".txt";
    return {file, text};
  }

 private:
  std::string paragraph(Random& random, const Country& subject) const {
    const int words = random.between(50, 400);
    std::string out;
    int written = 0;
    while (written < words) {
      const int sentence = std::min(random.between(8, 30), words - written + 4);
      for (int w = 0; w < sentence; ++w) {
        std::string word;
        if (random.chance(0.025)) {
          word = named(random, subject);
        } else {
          word = vocabulary_.draw(random);
        }
        if (w == 0 && !word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] -= 32;
        if (!out.empty() && out.back() != ' ') out += ' ';
        out += word;
        if (w + 1 < sentence && random.chance(0.06)) out += ',';
      }
      out += '.';
      written += sentence;
    }
    return out;
  }

  // A name or a topic phrase, as reports use them.
  std::string named(Random& random, const Country& subject) const {
    switch (random.below(6)) {
      case 0:
        return subject.name;
      case 1:
        return names_.countries[random.below(names_.countries.size())].name;
      case 2:
        return "the Ministry of " + std::string(kMinistries[random.below(kMinistries.size())]);
      case 3:
        return "the " + std::string(kOtherBodies[random.below(kOtherBodies.size())]);
      case 4:
        return names_.organizations[random.below(names_.organizations.size())];
      default:
        return names_.topic_phrases[random.below(names_.topic_phrases.size())];
    }
  }

  const Vocabulary& vocabulary_;
  const Names& names_;
  std::uint64_t seed_;
};

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// One- to three-word queries, phrases, boolean queries; a third with one to three facet filters.
std::string query_line(Random& random, const Vocabulary& vocabulary, const Names& names) {
  std::string q;
  const std::size_t kind = random.below(20);
  if (kind < 7) {
    q = vocabulary.query_word(random);
  } else if (kind < 12) {
    q = vocabulary.query_word(random) + " " + vocabulary.query_word(random);
  } else if (kind < 14) {
    q = vocabulary.query_word(random) + " " + vocabulary.query_word(random) + " " +
        vocabulary.query_word(random);
  } else if (kind < 17 && !vocabulary.phrases().empty()) {
    q = "\"" + vocabulary.phrases()[random.below(vocabulary.phrases().size())] + "\"";
  } else if (kind < 19) {
    q = vocabulary.query_word(random) + " OR " + vocabulary.query_word(random);
  } else {
    q = vocabulary.query_word(random) + " NOT " + vocabulary.query_word(random);
  }
  std::string line = "q=" + url_encode(q);
  if (random.chance(1.0 / 3)) {
    static constexpr std::array<std::string_view, 4> kFacets = {"country", "year", "series",
                                                                "topic"};
    static constexpr std::array<std::string_view, 5> kSeriesSlugs = {"tip", "hrr", "irf", "upr",
                                                                     "wfb"};
    static constexpr std::array<std::string_view, 6> kTopics = {
        "human-trafficking",     "forced-labor", "religious-freedom",
        "freedom-of-expression", "torture",      "corruption"};
    const int filters = random.between(1, 3);
    std::size_t first = random.below(kFacets.size());
    for (int f = 0; f < filters; ++f) {
      const std::string_view facet = kFacets[(first + f) % kFacets.size()];
      std::string value;
      if (facet == "country") {
        value = names.countries[random.below(names.countries.size())].code;
      } else if (facet == "year") {
        value = std::to_string(random.between(1995, 2024));
      } else if (facet == "series") {
        value = kSeriesSlugs[random.below(kSeriesSlugs.size())];
      } else {
        value = kTopics[random.below(kTopics.size())];
      }
      line += "&" + std::string(facet) + "=" + url_encode(value);
    }
  }
  return line;
}

int write_reports(const Vocabulary& vocabulary, const Names& names, std::uint64_t seed,
                  std::size_t count, const fs::path& out, unsigned threads) {
  fs::create_directories(out);
  const ReportWriter writer(vocabulary, names, seed);
  std::vector<std::jthread> workers;
  std::atomic<bool> failed = false;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = t; i < count; i += threads) {
        const auto [file, text] = writer.report(i);
        std::ofstream stream(out / file, std::ios::binary);
        stream << text;
        if (!stream) {
          std::cerr << "gen-corpus: cannot write " << (out / file).string() << "\n";
          failed = true;
          return;
        }
      }
    });
  }
  workers.clear();
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace dossier::gen

int main(int argc, char** argv) {
  using namespace dossier::gen;
  CLI::App app{"Deterministic synthetic report archives and query logs for benchmarks"};
  app.require_subcommand(1);
  std::size_t count = 1000;
  std::uint64_t seed = 1;
  std::string out;
  std::string vocabulary_dir = "corpus/samples/archive";
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (CLI::App* sub : {app.add_subcommand("reports", "Write COUNT report files into OUT"),
                        app.add_subcommand("queries", "Write COUNT query lines to OUT")}) {
    sub->add_option("--count", count, "How many")->required();
    sub->add_option("--out", out, "Output folder (reports) or file (queries)")->required();
    sub->add_option("--seed", seed, "Random seed")->capture_default_str();
    sub->add_option("--vocabulary", vocabulary_dir, "Archive whose word frequencies to follow")
        ->capture_default_str();
    if (sub->get_name() == "reports") {
      sub->add_option("--threads", threads, "Writer threads")->capture_default_str();
    }
  }
  CLI11_PARSE(app, argc, argv);
  try {
    const Vocabulary vocabulary = Vocabulary::from_archive(vocabulary_dir);
    const dossier::Gazetteers gazetteers = dossier::Gazetteers::load();
    const Names names = Names::from(gazetteers);
    if (app.got_subcommand("reports")) {
      return write_reports(vocabulary, names, seed, count, out, std::max(1u, threads));
    }
    std::ofstream stream(out, std::ios::binary);
    Random random(seed ^ 0x5157A11CE5ULL);
    for (std::size_t i = 0; i < count; ++i) stream << query_line(random, vocabulary, names) << "\n";
    if (!stream) {
      std::cerr << "gen-corpus: cannot write " << out << "\n";
      return 1;
    }
  } catch (const std::exception& e) {
    std::cerr << "gen-corpus: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
