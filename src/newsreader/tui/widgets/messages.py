"""The one message style of the app: a message is a nested dataclass of the widget
that posts it, and its `control` is that widget (so `@on(Widget.Msg, "#id")` works).

Subclasses name the field that holds the widget in `WIDGET_FIELD`; the property
here reads it, so no message repeats its own `control`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.message import Message


class WidgetMessage(Message):
    WIDGET_FIELD: ClassVar[str] = "widget"

    @property
    def control(self) -> Any:
        return getattr(self, self.WIDGET_FIELD)
