#pragma once
// Counts a keyword facet over every matching document from its joined value slot
// (schema::kValueSeparator between values), so multi-valued facets count in one pass.
#include <map>
#include <string>

#include <xapian.h>

namespace dossier {

class JoinedValueCounter : public Xapian::MatchSpy {
 public:
  explicit JoinedValueCounter(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double weight) override;
  const std::map<std::string, std::size_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, std::size_t> counts_;
};

}  // namespace dossier
