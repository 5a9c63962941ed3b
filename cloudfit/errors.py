"""The one family of exceptions that carries a message meant for a person.

The UI and the CLI catch `CloudfitError` and show `str(error)`; anything else
is a bug. Messages name the file and say what to do. At the boundary of
reading a file, any other exception (a parser's own error or panic, which
may derive from `BaseException`) becomes `unreadable(...)`: the file is
hostile or broken, and the person needs one message, not a traceback.
"""

from __future__ import annotations


class CloudfitError(Exception):
    """An error whose message is written for the analyst, not the developer.

    `vi` is the same message for a Vietnamese reader, where the raiser gives
    one (otherwise `cloudfit/locales/messages.vi.yaml` gives it by the
    message's template); both travel in `args`, so the error crosses the
    sandbox's process boundary whole.
    """

    def __init__(self, message: str = "", vi: str | None = None) -> None:
        super().__init__(*((message, vi) if vi else (message,)))

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def text(self, lang: str) -> str:
        """The message in `lang`: the raiser's Vietnamese form, else the message catalogue's, else English."""
        if lang == "vi" and len(self.args) > 1 and self.args[1]:
            return str(self.args[1])
        if lang == "vi":
            from cloudfit.message_text import translated_message

            return translated_message(str(self), lang)
        return str(self)


class InputError(CloudfitError):
    """The inventory file cannot be used at all (not just some rows)."""


class ModelError(CloudfitError):
    """A scoring model file is missing or invalid."""


class OptionsError(CloudfitError):
    """Planner or assessment options are out of range."""


UNSAFE = "this file could not be read safely"
UNSAFE_VI = "không thể đọc tệp này một cách an toàn"


def unreadable(name: str, error: BaseException) -> InputError:
    """The one message for a file whose parsing failed in a way no check foresaw."""
    if isinstance(error, MemoryError):
        why, why_vi = "reading it needed more memory than is available", "cần nhiều bộ nhớ hơn mức hiện có"
    elif isinstance(error, RecursionError):
        why, why_vi = "it is nested too deeply", "cấu trúc lồng nhau quá sâu"
    else:
        why = why_vi = f"{type(error).__name__}: {str(error)[:200]}"
    return InputError(
        f"{name}: {UNSAFE}: {why}. Open it in Excel or LibreOffice, save it again and check its size.",
        f"{name}: {UNSAFE_VI}: {why_vi}. Hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại và kiểm tra dung lượng.",
    )


def is_fatal(error: BaseException) -> bool:
    """Interrupts and exits are never turned into a message about the file."""
    return isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit)
