// The value snapshot a dossier index keeps in its metadata: chunks and stamps read back as
// written, and refused (as a damaged index) when they are not.
#include "corpus/value_snapshot.h"

#include <gtest/gtest.h>

#include "corpus/error.h"

namespace dossier {
namespace {

ErrorKind kind_of_reading(const std::string& bytes, std::uint32_t chunk) {
  try {
    read_value_chunk(bytes, chunk);
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::kInternal;  // read without complaint
}

TEST(ValueSnapshot, AChunkReadsBackAsWritten) {
  ValueChunkWriter writer;
  writer.begin_slot(10);
  writer.add(1025, "KZ");
  writer.add(1031, std::string("KZ\x1fUZ"));
  writer.add(2048, "");
  writer.begin_slot(6);  // a slot with no values
  writer.begin_slot(12);
  writer.add(1026, std::string(1000, 'x'));
  const std::vector<SlotValues> read = read_value_chunk(writer.finish(), 1);
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[0].slot, 10u);
  const std::vector<std::pair<std::uint32_t, std::string>> first = {
      {1025, "KZ"}, {1031, "KZ\x1fUZ"}, {2048, ""}};
  EXPECT_EQ(read[0].values, first);
  EXPECT_EQ(read[1].slot, 6u);
  EXPECT_TRUE(read[1].values.empty());
  EXPECT_EQ(read[2].values.at(0).second.size(), 1000u);
  EXPECT_EQ(value_chunk_of(1024), 0u);
  EXPECT_EQ(value_chunk_of(1025), 1u);
  EXPECT_EQ(value_chunk_key(7), "dossier.values.7");
}

TEST(ValueSnapshot, AStampReadsBackAsWritten) {
  const SnapshotStamp stamp{"41", 30000, 90001};
  EXPECT_EQ(read_snapshot_stamp(encode_snapshot_stamp(stamp)), stamp);
  EXPECT_THROW(read_snapshot_stamp(encode_snapshot_stamp(stamp) + "x"), Error);
  EXPECT_THROW(read_snapshot_stamp("\x05"
                                   "ab"),
               Error);
}

TEST(ValueSnapshot, DocidsMustAscendWithinASlot) {
  ValueChunkWriter writer;
  EXPECT_THROW(writer.add(1, "before any slot"), Error);
  writer.begin_slot(10);
  writer.add(5, "a");
  EXPECT_THROW(writer.add(5, "b"), Error);
  EXPECT_THROW(writer.add(4, "c"), Error);
}

TEST(ValueSnapshot, ADamagedChunkIsAnError) {
  ValueChunkWriter writer;
  writer.begin_slot(10);
  writer.add(1, "KZ");
  writer.add(2, "UZ");
  const std::string stored = writer.finish();
  EXPECT_EQ(kind_of_reading(stored, 0), ErrorKind::kInternal);
  EXPECT_EQ(kind_of_reading("", 0), ErrorKind::kIndexCorrupt);
  EXPECT_EQ(kind_of_reading("not a snapshot", 0), ErrorKind::kIndexCorrupt);
  EXPECT_EQ(kind_of_reading(stored.substr(0, stored.size() - 3), 0), ErrorKind::kIndexCorrupt);
  // Documents of another chunk.
  EXPECT_EQ(kind_of_reading(stored, 1), ErrorKind::kIndexCorrupt);
}

}  // namespace
}  // namespace dossier
