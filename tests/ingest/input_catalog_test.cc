#include "ingest/input_catalog.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace candour {
namespace {

const std::string kDir = std::string(CANDOUR_FIXTURES_DIR) + "/whatsapp/";

TEST(InputCatalog, FindsTheChatInsideZipsAndNamesTheConversation) {
  auto catalog = catalog_inputs({kDir + "WhatsApp Chat - Team 3 CX.zip", kDir + "ios_export.zip"}, "");
  ASSERT_EQ(catalog.sources.size(), 2u);
  EXPECT_TRUE(catalog.failures.empty());
  EXPECT_EQ(catalog.sources[0].zip_entry, "WhatsApp Chat with Team 3 CX.txt");
  EXPECT_EQ(catalog.sources[0].conversation_hint, "Team 3 CX");
  EXPECT_EQ(catalog.sources[1].zip_entry, "_chat.txt");
  EXPECT_EQ(catalog.sources[1].display, kDir + "ios_export.zip/_chat.txt");
}

TEST(InputCatalog, ANamedFileThatIsNotAChatIsAFailureThatSaysWhatItIs) {
  auto catalog = catalog_inputs({kDir + "not_a_chat.jpg", kDir + "android_de.txt"}, "");
  ASSERT_EQ(catalog.failures.size(), 1u);
  EXPECT_NE(catalog.failures[0].reason.find("JPEG image"), std::string::npos);
  EXPECT_EQ(catalog.sources.size(), 1u);
}

TEST(InputCatalog, EmptyAndMissingFilesAreFailures) {
  auto catalog = catalog_inputs({kDir + "empty.txt", kDir + "nope.txt"}, "");
  ASSERT_EQ(catalog.failures.size(), 2u);
  EXPECT_NE(catalog.failures[0].reason.find("empty"), std::string::npos);
  EXPECT_NE(catalog.failures[1].reason.find("no such file"), std::string::npos);
}

TEST(InputCatalog, FolderListsChatsInNameOrderAndSkipsOtherFilesWithAReason) {
  auto catalog = catalog_inputs({kDir}, "");
  EXPECT_TRUE(catalog.failures.empty());
  EXPECT_GE(catalog.sources.size(), 10u);
  for (std::size_t i = 1; i < catalog.sources.size(); ++i) {
    EXPECT_LT(catalog.sources[i - 1].display, catalog.sources[i].display);
  }
  bool jpeg_skipped = false;
  for (const auto& s : catalog.skipped) jpeg_skipped |= s.path.find("not_a_chat.jpg") != std::string::npos;
  EXPECT_TRUE(jpeg_skipped);
}

// Entries named "../../x" or "/etc/x" are read in place and never written:
// nothing appears outside, and the display path shows the name as it is.
TEST(InputCatalog, ZipEntriesWithTraversalPathsAreOnlyRead) {
  auto catalog = catalog_inputs({kDir + "traversal.zip"}, "");
  ASSERT_EQ(catalog.sources.size(), 1u);
  EXPECT_EQ(catalog.sources[0].zip_entry, "../../../../tmp/candour-evil/_chat.txt");
  ASSERT_EQ(catalog.skipped.size(), 1u);  // the /etc entry is not a chat: skipped, with the reason
  EXPECT_NE(catalog.skipped[0].reason.find("not a recognised chat export"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists("/tmp/candour-evil"));
  EXPECT_FALSE(std::filesystem::exists("/etc/candour-evil.txt"));
}

TEST(InputCatalog, SymlinksInFoldersAreNotFollowed) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("candour-links-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(kDir + "android_de.txt", dir / "chat.txt");
  fs::create_symlink(kDir + "android_uk.txt", dir / "link.txt");
  fs::create_directory_symlink("/etc", dir / "etc");
  auto catalog = catalog_inputs({dir.string()}, "");
  EXPECT_EQ(catalog.sources.size(), 1u);
  EXPECT_EQ(catalog.skipped.size(), 2u);
  for (const auto& s : catalog.skipped) EXPECT_NE(s.reason.find("symbolic link"), std::string::npos) << s.path;
  fs::remove_all(dir);
}

TEST(InputCatalog, ConversationNameFromFileName) {
  EXPECT_EQ(conversation_from_filename("WhatsApp Chat with Team 3.txt"), "Team 3");
  EXPECT_EQ(conversation_from_filename("WhatsApp Chat - Team 3.zip"), "Team 3");
  EXPECT_EQ(conversation_from_filename("_chat.txt"), "");
}

}  // namespace
}  // namespace candour
