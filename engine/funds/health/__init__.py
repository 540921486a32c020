"""Health financing: NHI by population group, CBHI in Vientiane Capital, and the
government's health cost."""
