"""Provinces of Việt Nam (the 63 before and the 34 after the 2025 merger) and main border gates.

Data only. Names are the official ones with diacritics; forms are how the press writes them.
"""

from __future__ import annotations

NATIONAL = "Việt Nam"

# official name -> (other written forms, the unit it belongs to after the 2025 merger)
PROVINCES: dict[str, tuple[tuple[str, ...], str]] = {
    "Hà Nội": (("Thủ đô Hà Nội", "TP Hà Nội", "TP. Hà Nội", "Thủ đô"), "Hà Nội"),
    "Hồ Chí Minh": (("TP.HCM", "TP. HCM", "TP HCM", "TPHCM", "Tp.HCM", "Tp. HCM", "Tp HCM",
                     "TP.Hồ Chí Minh", "TP. Hồ Chí Minh", "TP Hồ Chí Minh", "Tp. Hồ Chí Minh",
                     "Tp Hồ Chí Minh", "Thành phố Hồ Chí Minh", "thành phố Hồ Chí Minh",
                     "TP.HCM", "Tp.Hồ Chí Minh"), "Hồ Chí Minh"),
    "Hải Phòng": ((), "Hải Phòng"),
    "Đà Nẵng": ((), "Đà Nẵng"),
    "Cần Thơ": ((), "Cần Thơ"),
    "Hà Giang": ((), "Tuyên Quang"),
    "Tuyên Quang": ((), "Tuyên Quang"),
    "Cao Bằng": ((), "Cao Bằng"),
    "Lạng Sơn": ((), "Lạng Sơn"),
    "Lào Cai": ((), "Lào Cai"),
    "Yên Bái": ((), "Lào Cai"),
    "Bắc Kạn": (("Bắc Cạn",), "Thái Nguyên"),
    "Thái Nguyên": ((), "Thái Nguyên"),
    "Lai Châu": ((), "Lai Châu"),
    "Điện Biên": ((), "Điện Biên"),
    "Sơn La": ((), "Sơn La"),
    "Hòa Bình": ((), "Phú Thọ"),
    "Phú Thọ": ((), "Phú Thọ"),
    "Vĩnh Phúc": ((), "Phú Thọ"),
    "Bắc Giang": ((), "Bắc Ninh"),
    "Bắc Ninh": ((), "Bắc Ninh"),
    "Quảng Ninh": ((), "Quảng Ninh"),
    "Hải Dương": ((), "Hải Phòng"),
    "Hưng Yên": ((), "Hưng Yên"),
    "Thái Bình": ((), "Hưng Yên"),
    "Hà Nam": ((), "Ninh Bình"),
    "Nam Định": ((), "Ninh Bình"),
    "Ninh Bình": ((), "Ninh Bình"),
    "Thanh Hóa": ((), "Thanh Hóa"),
    "Nghệ An": ((), "Nghệ An"),
    "Hà Tĩnh": ((), "Hà Tĩnh"),
    "Quảng Bình": ((), "Quảng Trị"),
    "Quảng Trị": ((), "Quảng Trị"),
    "Thừa Thiên Huế": (("Thừa Thiên - Huế", "TT-Huế", "TT Huế", "Huế", "Thừa Thiên-Huế"), "Huế"),
    "Huế": (("TP Huế", "TP. Huế", "thành phố Huế", "Thành phố Huế"), "Huế"),
    "Quảng Nam": ((), "Đà Nẵng"),
    "Quảng Ngãi": ((), "Quảng Ngãi"),
    "Kon Tum": (("Kontum",), "Quảng Ngãi"),
    "Gia Lai": ((), "Gia Lai"),
    "Bình Định": ((), "Gia Lai"),
    "Phú Yên": ((), "Đắk Lắk"),
    "Đắk Lắk": (("Đắc Lắc", "Đăk Lăk", "Đắk Lắc", "Daklak", "Đắc Lắk"), "Đắk Lắk"),
    "Khánh Hòa": ((), "Khánh Hòa"),
    "Ninh Thuận": ((), "Khánh Hòa"),
    "Lâm Đồng": ((), "Lâm Đồng"),
    "Đắk Nông": (("Đắc Nông", "Đăk Nông"), "Lâm Đồng"),
    "Bình Thuận": ((), "Lâm Đồng"),
    "Bình Phước": ((), "Đồng Nai"),
    "Đồng Nai": ((), "Đồng Nai"),
    "Bình Dương": ((), "Hồ Chí Minh"),
    "Bà Rịa - Vũng Tàu": (("Bà Rịa Vũng Tàu", "BR-VT", "BRVT", "Vũng Tàu"), "Hồ Chí Minh"),
    "Tây Ninh": ((), "Tây Ninh"),
    "Long An": ((), "Tây Ninh"),
    "Tiền Giang": ((), "Đồng Tháp"),
    "Đồng Tháp": ((), "Đồng Tháp"),
    "Bến Tre": ((), "Vĩnh Long"),
    "Vĩnh Long": ((), "Vĩnh Long"),
    "Trà Vinh": ((), "Vĩnh Long"),
    "An Giang": ((), "An Giang"),
    "Kiên Giang": ((), "An Giang"),
    "Hậu Giang": ((), "Cần Thơ"),
    "Sóc Trăng": ((), "Cần Thơ"),
    "Bạc Liêu": ((), "Cà Mau"),
    "Cà Mau": ((), "Cà Mau"),
}

# How the country is named; "cả nước" = the whole country.
NATIONAL_FORMS = ("cả nước", "Cả nước", "toàn quốc", "Toàn quốc", "Việt Nam", "nước ta",
                  "Nước ta", "VN")

# Forms that contain a province name but are not about the province.
NOT_REGIONS = (
    # the economy being reported on: the country's in a GDP report, a province's in its own
    # statistics office's report ("Trong mức tăng chung của toàn nền kinh tế, khu vực …")
    "toàn nền kinh tế", "Toàn nền kinh tế",
    "Thái Bình Dương", "Chủ tịch Hồ Chí Minh", "tư tưởng Hồ Chí Minh", "Bác Hồ Chí Minh",
    # (a rank "thứ hai cả nước", "dẫn đầu cả nước" is no mention of the country either: that is
    # regions._RANKING_RE's, which looks before every "cả nước")
    # (and "hàng Việt Nam", "doanh nghiệp Việt Nam": regions._OF_THE_COUNTRY_RE looks for them)
    "Việt Nam - Trung Quốc", "Việt Nam và Trung Quốc",
    "Việt Nam - Lào", "Việt Nam - Campuchia", "Đảng Cộng sản Việt Nam", "Tổng cục Hải quan",
    "Việt Nam - Hoa Kỳ", "Việt Nam - EU",
)

# gate name -> (province, whether the bare name needs "cửa khẩu" before it to count)
BORDER_GATES: dict[str, tuple[str, bool]] = {
    "Hữu Nghị": ("Lạng Sơn", False),
    "Tân Thanh": ("Lạng Sơn", False),
    "Chi Ma": ("Lạng Sơn", False),
    "Cốc Nam": ("Lạng Sơn", False),
    "Đồng Đăng": ("Lạng Sơn", True),
    "Bình Nghi": ("Lạng Sơn", True),
    "Móng Cái": ("Quảng Ninh", False),
    "Bắc Luân": ("Quảng Ninh", False),
    "Hoành Mô": ("Quảng Ninh", False),
    "Bắc Phong Sinh": ("Quảng Ninh", False),
    "Kim Thành": ("Lào Cai", True),
    "Lào Cai": ("Lào Cai", True),
    "Mường Khương": ("Lào Cai", True),
    "Thanh Thủy": ("Hà Giang", True),
    "Xín Mần": ("Hà Giang", True),
    "Trà Lĩnh": ("Cao Bằng", False),
    "Tà Lùng": ("Cao Bằng", False),
    "Sóc Giang": ("Cao Bằng", True),
    "Ma Lù Thàng": ("Lai Châu", False),
    "Tây Trang": ("Điện Biên", False),
    "Lóng Sập": ("Sơn La", False),
    "Na Mèo": ("Thanh Hóa", False),
    "Nậm Cắn": ("Nghệ An", False),
    "Cầu Treo": ("Hà Tĩnh", False),
    "Cha Lo": ("Quảng Bình", False),
    "Lao Bảo": ("Quảng Trị", False),
    "La Lay": ("Quảng Trị", False),
    "Nam Giang": ("Quảng Nam", True),
    "Bờ Y": ("Kon Tum", False),
    "Lệ Thanh": ("Gia Lai", False),
    "Bu Prăng": ("Đắk Nông", False),
    "Hoa Lư": ("Bình Phước", True),
    "Xa Mát": ("Tây Ninh", False),
    "Mộc Bài": ("Tây Ninh", False),
    "Bình Hiệp": ("Long An", True),
    "Mỹ Quý Tây": ("Long An", False),
    "Chàng Riệc": ("Tây Ninh", False),
    "Kà Tum": ("Tây Ninh", False),
    "Khánh Bình": ("An Giang", True),
    "Vĩnh Hội Đông": ("An Giang", False),
    "Giang Thành": ("Kiên Giang", True),
    "Sông Tiền": ("Đồng Tháp", True),
    "Pò Peo": ("Cao Bằng", False),
    "Lý Vạn": ("Cao Bằng", False),
    "Dinh Bà": ("Đồng Tháp", False),
    "Thường Phước": ("Đồng Tháp", False),
    "Vĩnh Xương": ("An Giang", False),
    "Tịnh Biên": ("An Giang", False),
    "Hà Tiên": ("Kiên Giang", True),
    "Xà Xía": ("Kiên Giang", False),
}
# border cities written with their own name: "thành phố Lào Cai" is the gate city of Lào Cai
BORDER_CITIES: dict[str, str] = {
    "thành phố Lào Cai": "Lào Cai", "TP Lào Cai": "Lào Cai", "TP. Lào Cai": "Lào Cai",
    "thành phố Móng Cái": "Móng Cái", "TP Móng Cái": "Móng Cái", "TP. Móng Cái": "Móng Cái",
}
