"""The interfaces media's use cases need: storage, repositories, content inspection."""
