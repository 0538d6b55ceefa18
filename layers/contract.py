"""What the Python side hands the map's JavaScript (static/app/corridor_map.js), as declared types.

Three objects cross into the browser: the map configuration (``CorridorMap.init``, once), the
layer data (the bundle the configuration points at, fetched once) and the per-day state
(``CorridorMap.apply``, each step). tests/unit/test_layers_contract.py reads the JavaScript and checks
that every field it reads off these objects is declared here, and that the builders write them.
"""

from typing import Any, Literal, NotRequired, TypedDict

from corridor.naming import Naming
from corridor.records import CorridorStatus, OutlineState
from corridor.view import Tiles

RouteState = Literal["in_use", "past", "hidden"]


class LegendRow(TypedDict):
    """One row of the map's legend (the page's legend reads ``short`` and ``layer`` too)."""

    kind: str
    color: str
    label: str
    short: NotRequired[str]
    layer: NotRequired[str]


class MapStyle(TypedDict):
    """Colours and symbols per layer (layers/style.py); the JavaScript reads their fields by name."""

    water: str
    land: dict[str, Any]
    landFocus: dict[str, str]
    border: dict[str, Any]
    graticule: dict[str, Any]
    band: dict[str, Any]
    checkpoint: dict[str, Any]
    place: dict[str, Any]
    event: dict[str, Any]
    schematicDash: str
    nkArea: dict[str, Any]
    nkFormer: dict[str, Any]
    edges: dict[str, Any]
    nkao: dict[str, Any]
    river: dict[str, Any]


class MapConfig(TypedDict):
    """``CorridorMap.init(map, config)``: everything but the per-day state."""

    dataUrl: str | None  # where to fetch the layer data, or None when ``data`` is inline
    data: dict[str, Any] | None  # the layer data inline (the offline HTML export)
    home: list[list[float]]
    attribution: str
    legend: list[LegendRow]
    style: MapStyle


class MapView(TypedDict):
    """The Leaflet map's own options for the page's map (``L.map``): where it opens, how far it goes."""

    center: list[float]
    zoom: int
    minZoom: int
    maxZoom: int
    maxBounds: list[list[float]]


class Label(TypedDict):
    """A text label drawn at a point (country and river names)."""

    name: str
    lonlat: list[float]


class FeatureProperties(TypedDict, total=False):
    """The properties of a drawn GeoJSON feature; each layer writes the ones it needs."""

    cls: str  # CSS class, so tests and styles can find the path
    id: str
    name: str
    label: str
    popup: str  # escaped HTML
    tip: dict[str, str]  # tooltip per outline state
    route_id: str
    schematic: bool
    major: bool
    names: dict[str, str]  # label per naming
    label_dir: str
    label_offset: list[int]
    uncertainty_m: float | None
    covers: list[str]  # places whose labels this checkpoint's label replaces


class FeatureLayer(TypedDict):
    """A GeoJSON FeatureCollection, with point labels where the layer has them."""

    type: str
    features: list[dict[str, Any]]
    labels: NotRequired[list[Label]]


class EventColumns(TypedDict):
    """Located events as parallel columns (layers/events.py)."""

    columns: bool
    id: list[str]
    lon: list[float]
    lat: list[float]
    day: list[int]  # days since 1970-01-01
    title: list[str]  # escaped
    date: list[str]  # escaped


class MapData(TypedDict):
    """The layer data, keyed by layer (layers/catalogue.py)."""

    basemap: FeatureLayer
    graticule: FeatureLayer
    rivers: FeatureLayer
    nk2020: FeatureLayer
    nkao: FeatureLayer
    border: FeatureLayer
    band: FeatureLayer
    edges: FeatureLayer
    corridor: FeatureLayer
    places: FeatureLayer
    checkpoint: FeatureLayer
    events: EventColumns


class StepState(TypedDict):
    """``CorridorMap.apply(state)``: the map on one day, with the user's display choices."""

    day: str  # ISO day
    dayNumber: int  # days since 1970-01-01
    dayLabel: str  # escaped
    status: CorridorStatus | None
    statusLabel: str  # escaped
    routes: dict[str, RouteState]
    region: dict[str, OutlineState]
    regionNote: str | None  # escaped
    routeColor: str
    pastColor: str
    checkpoints: list[str]
    currentEvents: list[str]
    selectedEvent: str | None
    naming: Naming
    layers: list[str]
    tiles: Tiles
    fit: list[list[float]] | None
