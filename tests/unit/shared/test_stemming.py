from tutor_platform.shared.stemming import stem


def test_inflected_forms_share_a_stem() -> None:
    assert stem("tables") == stem("table")
    assert stem("stored") == stem("storing") == stem("stores") == stem("store")
    assert stem("leaves") == stem("leaf")
    assert stem("classes") == stem("class")


def test_different_words_keep_different_stems() -> None:
    assert stem("table") != stem("tab")
    assert stem("staff") != stem("stave")
