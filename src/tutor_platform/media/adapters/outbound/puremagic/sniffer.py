"""``ContentSniffer`` over puremagic's signature database (pure Python)."""

import puremagic

_ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "audio/mp3": "audio/mpeg",
    "audio/mpeg3": "audio/mpeg",
    "audio/x-mpeg": "audio/mpeg",
    "audio/wave": "audio/wav",
    "audio/x-wav": "audio/wav",
    "audio/vnd.wave": "audio/wav",
    "application/ogg": "audio/ogg",
    "audio/x-ogg": "audio/ogg",
    "audio/vorbis": "audio/ogg",
    "application/x-pdf": "application/pdf",
}


class PuremagicContentSniffer:
    """The most confident match that names a MIME type, under its canonical name.

    Matches are tried by confidence; entries without a MIME type are skipped, so a file that
    only matches obscure signatures gives None. Text has no signature: it gives None too
    (or a text type such as ``text/html``), and the caller checks it as text.
    """

    def sniff(self, head: bytes) -> str | None:
        if not head:
            return None
        try:
            matches = puremagic.magic_string(head)
        except (puremagic.PureError, ValueError):
            return None
        for match in matches:
            mime = (match.mime_type or "").strip().lower()
            if mime:
                return _ALIASES.get(mime, mime)
        return None
