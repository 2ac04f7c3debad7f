// Reading Xapian stub files: the shards they list, and what is wrong with a line.
#include "corpus/shards.h"

#include <gtest/gtest.h>

#include <fstream>

#include "corpus/error.h"
#include "test_paths.h"

namespace dossier {
namespace {
namespace fs = std::filesystem;

TEST(Stub, ListsLocalAndRemoteShards) {
  const fs::path dir = test::scratch_dir("stub");
  std::ofstream(dir / "index.stub") << "# three shards\n\nauto shard-1\nglass /srv/shard-2\n"
                                       "remote 10.0.0.3:33401\nremote [::1]:33402\n"
                                       "remote :xapian-progsrv /srv/shard-5\n";
  const auto stub = read_stub(dir / "index.stub");
  ASSERT_TRUE(stub);
  ASSERT_EQ(stub->shards.size(), 5u);
  EXPECT_EQ(stub->shards[0].path, dir / "shard-1");  // relative to the stub
  EXPECT_EQ(stub->shards[0].line, 3);
  EXPECT_EQ(stub->shards[1].path, "/srv/shard-2");
  EXPECT_EQ(stub->shards[2].kind, ShardSpec::Kind::kRemoteTcp);
  EXPECT_EQ(stub->shards[2].host, "10.0.0.3");
  EXPECT_EQ(stub->shards[2].port, 33401);
  EXPECT_EQ(stub->shards[3].host, "::1");
  EXPECT_EQ(stub->shards[3].name(), "[::1]:33402");
  EXPECT_EQ(stub->shards[4].kind, ShardSpec::Kind::kRemoteProgram);
  EXPECT_EQ(stub->shards[4].program, "xapian-progsrv");
  EXPECT_EQ(stub->shards[4].arguments, "/srv/shard-5");
  EXPECT_EQ(stub->describe(stub->shards[2]),
            "shard 10.0.0.3:33401 (line 5 of " + (dir / "index.stub").string() + ")");
  // A folder is a stub when it holds XAPIANDB; an index folder is not one.
  fs::create_directories(dir / "sharded");
  EXPECT_FALSE(read_stub(dir / "sharded"));
  std::ofstream(dir / "sharded" / "XAPIANDB") << stub_text(stub->shards, dir / "sharded");
  const auto again = read_stub(dir / "sharded");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->shards.size(), 5u);
  EXPECT_EQ(again->shards[0].path, dir / "shard-1");
  EXPECT_FALSE(read_stub(dir / "nothing-here"));
}

TEST(Stub, AMalformedLineIsNamed) {
  const fs::path dir = test::scratch_dir("bad-stub");
  const auto reason = [&](const std::string& text) {
    std::ofstream(dir / "s") << text;
    try {
      read_stub(dir / "s");
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kIndexMissing);
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(reason("auto a\nremote host\n").find("line 2: \"host\" is not HOST:PORT"),
            std::string::npos);
  EXPECT_NE(reason("remote host:99999\n").find("is not a port"), std::string::npos);
  EXPECT_NE(reason("remote host:0\n").find("is not a port"), std::string::npos);
  EXPECT_NE(reason("inmemory\n").find("line 1: \"inmemory\" is not a shard"), std::string::npos);
  EXPECT_NE(reason("auto\n").find("needs a path"), std::string::npos);
  EXPECT_NE(reason("\n# only comments\n").find("lists no shard"), std::string::npos);
}

TEST(Stub, AReportStaysOnItsShard) {
  EXPECT_EQ(shard_of("hrr_2024_kazakhstan", 1), 0u);
  EXPECT_EQ(shard_of("hrr_2024_kazakhstan", 3), shard_of("hrr_2024_kazakhstan", 3));
  std::vector<std::size_t> used(3, 0);
  for (int i = 0; i < 300; ++i) ++used[shard_of("report-" + std::to_string(i), 3)];
  for (std::size_t count : used) EXPECT_GT(count, 60u);  // spread over every shard
}

}  // namespace
}  // namespace dossier
