#include "indexer/metadata.h"

#include <cstdio>
#include <map>

#include "corpus/entities.h"
#include "corpus/hash.h"
#include "corpus/normalize.h"
#include "corpus/regions.h"
#include "corpus/series.h"
#include "corpus/tiers.h"

namespace dossier {
namespace {

// The first plausible report year (1900-2099) written in the text, or 0.
int first_year_in(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    const bool left_edge = i == 0 || !std::isdigit(static_cast<unsigned char>(text[i - 1]));
    const bool right_edge =
        i + 4 == text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 4]));
    if (!left_edge || !right_edge) continue;
    if (!(text.substr(i, 2) == "19" || text.substr(i, 2) == "20")) continue;
    if (!std::isdigit(static_cast<unsigned char>(text[i + 2])) ||
        !std::isdigit(static_cast<unsigned char>(text[i + 3]))) {
      continue;
    }
    return std::stoi(std::string(text.substr(i, 4)));
  }
  return 0;
}

std::vector<std::string_view> title_segments(std::string_view title) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  for (std::size_t i = 0; i < title.size(); ++i) {
    std::size_t separator = 0;
    if (title[i] == ':')
      separator = 1;
    else if (title.substr(i, 3) == " - ")
      separator = 3;
    else if (title.substr(i, 5) == " \xE2\x80\x93 ")
      separator = 5;  // en dash
    if (separator == 0) continue;
    segments.push_back(title.substr(start, i - start));
    start = i + separator;
    i = start - 1;
  }
  segments.push_back(title.substr(start));
  return segments;
}

// The subject country: a title segment that is a country name ("... - Kazakhstan",
// "...: Saudi Arabia"), else a title that starts with one ("Kazakhstan 2024 Human Rights
// Report"), else, for a report with no Refworld header (whose title was chosen by a person, not
// a catalogue), the country its opening paragraphs name most (at least three times).
std::optional<Country> subject_country(const Report& report, const CountryTable& countries) {
  const auto segments = title_segments(report.title);
  for (auto it = segments.rbegin(); it != segments.rend(); ++it) {
    if (auto country = countries.resolve(*it)) return country;
  }
  const auto mentions = countries.find_names(report.title);
  for (const auto& mention : mentions) {
    if (mention.begin == 0) return mention.country;
  }
  if (report.format == "refworld") return std::nullopt;
  std::map<std::string, std::pair<int, Country>> counts;
  std::size_t scanned = 0;
  for (const Paragraph& p : report.paragraphs) {
    for (const auto& mention : countries.find_names(p.text)) {
      auto& entry = counts[mention.country.code];
      entry.first++;
      entry.second = mention.country;
    }
    if (++scanned >= 20) break;  // the opening paragraphs say what a report is about
  }
  const std::pair<int, Country>* best = nullptr;
  for (const auto& [code, entry] : counts) {
    if (best == nullptr || entry.first > best->first) best = &entry;
  }
  if (best != nullptr && best->first >= 3) return best->second;
  return std::nullopt;
}

// The body's hash, for telling identical reports apart from merely similar ones.
std::string content_hash_of(const std::vector<Paragraph>& paragraphs) {
  StableHash hash;
  for (const Paragraph& p : paragraphs) hash.add_line(p.text);
  return hash.hex();
}

// The year a Universal Periodic Review took place, as its first paragraphs state it ("held its
// seventeenth session from 21 October to 1 November 2013"); the report may appear next year.
int review_year(const Report& report) {
  std::size_t scanned = 0;
  for (const Paragraph& p : report.paragraphs) {
    const std::string& text = p.text;
    const std::size_t held = text.find("held its ");
    if (held != std::string::npos) {
      const std::size_t from = text.find("session from ", held);
      const std::size_t sentence_end = text.find('.', held);
      if (from != std::string::npos && from < sentence_end && from - held < 60) {
        const int year = first_year_in(std::string_view(text).substr(from, sentence_end - from));
        if (year != 0) return year;
      }
    }
    if (++scanned >= 4) break;
  }
  return 0;
}

}  // namespace

std::vector<std::vector<Token>> infer_metadata(Report& report, const Gazetteers& gazetteers,
                                               EntityTagging tagging) {
  report.series = std::string(classify_series(report.title, report.publisher, report.author).slug);
  report.year = first_year_in(report.title);
  if (report.year == 0 && report.series == "upr") report.year = review_year(report);
  if (report.year == 0 && report.published) report.year = report.published->year;

  if (auto country = subject_country(report, gazetteers.countries)) {
    report.country_code = country->code;
    report.country_name = country->name;
    if (auto region = un_region_of(country->code)) {
      report.region = region->continent;
      report.subregion = region->subcontinent;
    }
  }
  report.tier = stated_tier(report);

  // Each paragraph is tokenized once for the topic rules, the entity tagger and the index.
  thread_local const TextNormalizer normalizer;
  std::vector<std::vector<Token>> tokens;
  tokens.reserve(report.paragraphs.size());
  for (const Paragraph& p : report.paragraphs) tokens.push_back(normalizer.tokenize(p.text));
  report.topics = gazetteers.topics.classify(report.title, tokens);
  report.content_hash = content_hash_of(report.paragraphs);
  if (tagging == EntityTagging::kOn) report.entities = EntityTagger(gazetteers).tag(report, tokens);
  return tokens;
}

std::string report_id_for(std::string_view file_name) {
  std::string_view stem = file_name;
  if (const auto dot = stem.rfind('.'); dot != std::string_view::npos && dot > 0) {
    stem = stem.substr(0, dot);
  }
  std::string id;
  bool pending_dash = false;
  for (unsigned char c : stem) {
    const char lower = static_cast<char>(std::tolower(c));
    const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') ||
                      lower == '_' || lower == '-';
    if (!keep) {
      pending_dash = !id.empty();
      continue;
    }
    if (pending_dash && lower != '-') id.push_back('-');
    pending_dash = false;
    id.push_back(lower);
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "report" : id;
}

}  // namespace dossier
