"""The Vietnamese vocabulary of trade and GRDP reporting, as tables (STYLE.md point 2).

A new phrasing is one line here. Values say what a phrase means to the extractor; every table
is compiled by `table.Table` (flexible spaces and dashes, both tone placements).
"""

from __future__ import annotations

from extractors.figures.table import Table, words

# -- indicators -------------------------------------------------------------------------------
# value: (indicator, flavour). flavour: "any" (level or growth), "growth" (a growth-rate phrase:
# "đạt 6%" is year-on-year), "level" (a size), "pos"/"neg" (trade balance sign), "balance"
# (cán cân: sign given by a following thặng dư / thâm hụt).
_TT = ("trade_total", "any")
_EX = ("export", "any")
_IM = ("import", "any")
INDICATORS = Table(
    words("tổng kim ngạch xuất nhập khẩu", "kim ngạch xuất nhập khẩu", "tổng kim ngạch XNK",
          "kim ngạch XNK", "KNXNK", "tổng kim ngạch xuất, nhập khẩu", "kim ngạch xuất, nhập khẩu",
          "tổng trị giá xuất nhập khẩu", "trị giá xuất nhập khẩu", "tổng trị giá XNK",
          "giá trị xuất nhập khẩu", "tổng giá trị xuất nhập khẩu", "xuất nhập khẩu", "XNK",
          "xuất nhập khẩu hàng hóa",
          "xuất, nhập khẩu", "tổng kim ngạch hàng hóa xuất nhập khẩu",
          "kim ngạch hàng hóa xuất nhập khẩu", "trị giá hàng hóa xuất nhập khẩu",
          "tổng trị giá hàng hóa xuất nhập khẩu", "tổng kim ngạch thương mại",
          "kim ngạch thương mại", "thương mại hai chiều",
          "kim ngạch ngoại thương", "tổng kim ngạch ngoại thương", value=_TT)
    + words("kim ngạch xuất khẩu", "tổng kim ngạch xuất khẩu", "KNXK", "kim ngạch XK",
            "xuất khẩu", "XK", "giá trị xuất khẩu", "trị giá xuất khẩu", "tổng giá trị xuất khẩu",
            "kim ngạch hàng hóa xuất khẩu", "trị giá hàng hóa xuất khẩu",
            "giá trị hàng hóa xuất khẩu", "tổng trị giá xuất khẩu", "hàng xuất", "hàng xuất khẩu",
            value=_EX)
    + words("kim ngạch nhập khẩu", "tổng kim ngạch nhập khẩu", "KNNK", "kim ngạch NK",
            "nhập khẩu", "NK", "giá trị nhập khẩu", "trị giá nhập khẩu", "tổng giá trị nhập khẩu",
            "kim ngạch hàng hóa nhập khẩu", "trị giá hàng hóa nhập khẩu",
            "giá trị hàng hóa nhập khẩu", "tổng trị giá nhập khẩu", "hàng nhập", "hàng nhập khẩu",
            value=_IM)
    + words("xuất siêu", "thặng dư thương mại", "giá trị xuất siêu",
            value=("trade_balance", "pos"))
    + words("nhập siêu", "thâm hụt thương mại", "giá trị nhập siêu",
            value=("trade_balance", "neg"))
    + words("cán cân thương mại", "cán cân thương mại hàng hóa", value=("trade_balance", "balance"))
    + words("GRDP", "tổng sản phẩm trên địa bàn", "tổng sản phẩm trong tỉnh",
            "tổng sản phẩm trên địa bàn tỉnh", "tổng sản phẩm địa phương",
            "tổng sản phẩm trong thành phố", "tổng sản phẩm trên địa bàn thành phố",
            "tổng sản phẩm (GRDP) trên địa bàn", "tổng sản phẩm (GRDP) trên địa bàn tỉnh",
            "tổng sản phẩm (GRDP) trên địa bàn thành phố", "tổng sản phẩm (GRDP) của tỉnh",
            "tổng sản phẩm (GRDP) của thành phố", "tổng sản phẩm (GRDP) toàn tỉnh",
            "tổng sản phẩm (GRDP) tỉnh", "tổng sản phẩm (GRDP)", "tổng sản phẩm địa phương (GRDP)",
            "tổng sản phẩm trên địa bàn (GRDP)", "tổng sản phẩm trên địa bàn tỉnh (GRDP)",
            "tổng sản phẩm của tỉnh", "tổng sản phẩm của thành phố", "tổng sản phẩm toàn tỉnh",
            value=("grdp", "any"))
    + words("quy mô nền kinh tế", "quy mô kinh tế", "quy mô GRDP", "quy mô tổng sản phẩm",
            value=("grdp", "level"))
    + words("tăng trưởng kinh tế", "tốc độ tăng trưởng kinh tế", "tốc độ tăng trưởng GRDP",
            "tăng trưởng GRDP", "tốc độ tăng GRDP", "tốc độ tăng tổng sản phẩm trên địa bàn",
            "tốc độ tăng trưởng tổng sản phẩm trên địa bàn", "kinh tế tăng trưởng",
            "nền kinh tế tăng trưởng", "tốc độ tăng trưởng kinh tế (GRDP)",
            "tăng trưởng kinh tế (GRDP)", "tốc độ tăng trưởng (GRDP)",
            "tốc độ tăng trưởng tổng sản phẩm", "tăng trưởng tổng sản phẩm",
            value=("grdp", "growth"))
    + words("GDP", "tổng sản phẩm trong nước", "tổng sản phẩm quốc nội", "tổng sản phẩm nội địa",
            value=("gdp", "any"))
    + words("tăng trưởng GDP", "tốc độ tăng GDP", "tốc độ tăng trưởng GDP",
            "tốc độ tăng tổng sản phẩm trong nước", "tốc độ tăng trưởng (GDP)",
            value=("gdp", "growth"))
    + words("quy mô GDP", value=("gdp", "level"))
    + words("kinh tế", value=("grdp", "economy"))  # only before a place: "kinh tế Hà Nội tăng"
    + words("kinh tế tỉnh", "kinh tế của tỉnh", "kinh tế thành phố", "kinh tế của thành phố",
            "nền kinh tế tỉnh", "kinh tế Thủ đô", "kinh tế toàn tỉnh", "nền kinh tế",
            "kinh tế địa phương", value=("grdp", "growth"))
    + words("kim ngạch", "kim ngạch hàng hóa", "trị giá hàng hóa", value=("", "bare"))
    + words("tổng kim ngạch", "tổng trị giá", "tổng giá trị", value=("trade_total", "generic"))
    + words("tốc độ tăng trưởng", "tăng trưởng", "mức tăng trưởng", "tốc độ tăng",
            value=("", "growth_generic"))
    + words("giá trị tăng thêm", "tổng giá trị tăng thêm", value=("grdp", "context"))
    + words("thặng dư", value=("trade_balance", "pos_word"))
    + words("thâm hụt", value=("trade_balance", "neg_word")),
    left=r"(?<![\w-])",
)

# The four sectors of GRDP / GDP growth. Outside a GRDP/GDP context a sector name is a topic
# of its own (exports of farm goods) and blocks the numbers after it.
SECTORS = Table(
    words("nông, lâm nghiệp và thủy sản", "nông, lâm nghiệp, thủy sản",
          "nông nghiệp, lâm nghiệp và thủy sản", "nông lâm nghiệp và thủy sản",
          "nông, lâm, thủy sản", "nông lâm thủy sản", "nông - lâm - thủy sản",
          "nông, lâm và thủy sản", "nông - lâm nghiệp - thủy sản", "nông - lâm nghiệp",
          "nông, lâm nghiệp - thủy sản", "nông - lâm nghiệp và thủy sản", "nông lâm ngư nghiệp",
          "nông, lâm, ngư nghiệp", "nông lâm nghiệp thủy sản", "nông, lâm nghiệp",
          "nông nghiệp, lâm nghiệp, thủy sản", "nông lâm nghiệp, thủy sản",
          # (with "khu vực", which "khu vực nông nghiệp" would otherwise take first)
          "khu vực nông nghiệp, lâm nghiệp, thủy sản",
          "khu vực nông nghiệp, lâm nghiệp và thủy sản",
          "khu vực I", "khu vực 1", "khu vực nông nghiệp", "NLTS", "N-L-TS", "nông - lâm - ngư",
          value="grdp_agriculture")
    + words("công nghiệp và xây dựng", "công nghiệp - xây dựng", "công nghiệp, xây dựng",
            "công nghiệp xây dựng", "khu vực II", "khu vực 2", "CN-XD", "CN - XD", "CNXD",
            value="grdp_industry_construction")
    + words("dịch vụ", "khu vực dịch vụ", "ngành dịch vụ", "các ngành dịch vụ", "khu vực III",
            "khu vực thương mại dịch vụ", "khu vực thương mại - dịch vụ",
            "khu vực 3", "khu vực DV", value="grdp_services")
    + words("thuế sản phẩm trừ trợ cấp sản phẩm", "thuế sản phẩm trừ trợ cấp", "thuế sản phẩm",
            "thuế sản phẩm (trừ trợ cấp sản phẩm)", "thuế sản phẩm trừ trợ cấp SP",
            value="grdp_product_taxes"),
)

# -- topics that are not figures: the numbers after them (until the next indicator) are not ----
BLOCKERS = Table(words(
    # FDI and domestic components of trade
    "khu vực có vốn đầu tư nước ngoài", "khu vực FDI", "doanh nghiệp FDI", "FDI", "khối FDI",
    "doanh nghiệp có vốn đầu tư nước ngoài", "DN có vốn đầu tư nước ngoài", "DN FDI",
    "khu vực kinh tế trong nước", "khu vực trong nước",
    "doanh nghiệp trong nước", "khối doanh nghiệp trong nước", "vốn đầu tư nước ngoài",
    "kể cả dầu thô", "doanh nghiệp nhà nước",
    # commodities and groups of goods
    "mặt hàng", "nhóm hàng", "gạo", "cà phê", "hồ tiêu", "hạt tiêu", "hạt điều", "chè", "cao su",
    "sắn", "rau quả", "trái cây", "hoa quả", "thủy sản", "hàng thủy sản", "tôm", "cá tra", "gỗ",
    "dệt may", "hàng dệt may", "giày dép", "da giày", "túi xách", "điện thoại", "máy vi tính",
    "linh kiện", "điện tử", "máy móc", "thiết bị", "sắt thép", "thép", "dầu thô", "xăng dầu",
    "than", "than đá", "quặng", "phân bón", "hóa chất", "chất dẻo", "xơ sợi", "vải", "nông sản",
    "lâm sản", "khoáng sản", "thanh long", "sầu riêng", "vải thiều", "chuối", "xoài", "dừa",
    "nông sản", "hải sản", "thực phẩm", "đồ gỗ", "ô tô", "xe máy", "sản phẩm", "nguyên liệu",
    "hàng nông sản", "hàng hóa khác", "nguyên phụ liệu",
    # partners: a market is a component, not the place's total
    "thị trường", "các thị trường", "sang Trung Quốc", "sang Mỹ", "sang Hoa Kỳ", "sang EU",
    "sang Nhật Bản", "sang Hàn Quốc", "sang ASEAN", "sang Lào", "sang Campuchia",
    "từ Trung Quốc", "từ Hàn Quốc", "từ Nhật Bản", "từ Hoa Kỳ", "từ Mỹ", "từ ASEAN",
    "từ Đài Loan", "từ Thái Lan", "với Hoa Kỳ", "với Mỹ", "với EU", "với Nhật Bản",
    "với Hàn Quốc", "với ASEAN", "với Lào", "với Campuchia", "với các nước",
    "Việt Nam - Trung Quốc", "Việt Nam và Trung Quốc", "Việt Nam - Lào", "Việt Nam - Campuchia",
    "Việt Nam - Hoa Kỳ", "Việt Nam - EU", "Việt Nam - Hàn Quốc", "Việt Nam - Nhật Bản",
    "sang các nước", "sang thị trường", "xuất khẩu tại chỗ",
    # trade between two countries is a partner's share of each, not a place's total
    "giữa hai nước", "giữa hai bên", "giữa Việt Nam và", "song phương",
    # trade by ownership: centrally and locally run, state and private firms
    "trung ương", "khối trung ương", "doanh nghiệp trung ương", "XK địa phương",
    "NK địa phương", "khu vực tư nhân", "doanh nghiệp tư nhân", "khu vực nhà nước",
    # sub-sectors (GRDP) and other statistics
    "ngành công nghiệp", "khu vực công nghiệp", "công nghiệp chế biến", "chế biến, chế tạo",
    "chế biến chế tạo", "khai khoáng", "ngành xây dựng", "xây dựng", "ngành nông nghiệp",
    "nông nghiệp", "lâm nghiệp", "ngành lâm nghiệp", "ngành thủy sản", "bán buôn", "bán lẻ",
    "lưu trú", "ăn uống", "vận tải", "kho bãi", "hoạt động tài chính", "ngân hàng", "bảo hiểm",
    "bất động sản", "sản xuất và phân phối điện", "dịch vụ và thuế sản phẩm", "công nghiệp",
    "chỉ số giá", "CPI", "chỉ số sản xuất công nghiệp", "IIP", "chỉ số công nghiệp",
    "tổng mức bán lẻ", "doanh thu", "vốn đầu tư", "đầu tư", "thu ngân sách", "chi ngân sách",
    "ngân sách", "thu nội địa", "số thu", "thu thuế", "giải ngân", "tín dụng", "dư nợ",
    "giá trị sản xuất", "giá trị thương mại", "thu nhập", "tiêu dùng cuối cùng",
    "tích lũy tài sản", "chi tiêu",
    "xuất khẩu hàng hóa và dịch vụ", "nhập khẩu hàng hóa và dịch vụ", "hàng hóa và dịch vụ",
    "sử dụng GDP", "các ngành kinh tế",
    "lượt khách", "du lịch", "GNI",
    # per capita, transit, tax on trade, quantities
    "bình quân đầu người", "bình quân mỗi người", "quá cảnh", "hàng quá cảnh", "tạm nhập",
    "tái xuất", "tạm nhập tái xuất", "chuyển khẩu", "kho ngoại quan",
    "thuế xuất nhập khẩu", "thuế xuất khẩu", "thuế nhập khẩu", "từ hoạt động xuất nhập khẩu",
    "doanh nghiệp xuất khẩu", "doanh nghiệp xuất nhập khẩu", "giá xuất khẩu", "giá nhập khẩu",
    "sản lượng xuất khẩu", "lượng xuất khẩu", "lượng nhập khẩu", "khối lượng",
    "mặt hàng xuất khẩu", "thị trường xuất khẩu", "thị trường nhập khẩu", "mặt hàng nhập khẩu",
    "phương tiện", "lượt phương tiện", "xe hàng", "lô hàng",
    "sản lượng", "số doanh nghiệp", "số lượt", "hành khách",
    "số hành khách", "xuất cảnh", "nhập cảnh", "xuất nhập cảnh", "lượt người", "số container",
    "tờ khai", "số tờ khai", "tiểu ngạch", "chính ngạch", "biên mậu", "cư dân biên giới",
    "trao đổi cư dân", "dịch vụ logistics", "logistics", "xuất khẩu lao động",
    # parts of an economy
    "khu kinh tế", "kinh tế cửa khẩu", "kinh tế biển", "kinh tế số", "kinh tế tư nhân",
    "kinh tế nhà nước", "kinh tế ngoài nhà nước", "kinh tế tập thể", "kinh tế xanh",
    "kinh tế tuần hoàn", "kinh tế đêm", "thu hút", "vốn FDI", "nền kinh tế số",
    # averages, contributions, whole industries
    "bình quân", "trung bình", "đóng góp", "toàn ngành", "của ngành", "ngành hàng",
    # multi-year spans
    "giai đoạn", "bình quân giai đoạn", "bình quân mỗi năm", "bình quân hằng năm",
    "bình quân hàng năm", "mỗi năm", "hằng năm", "hàng năm",
), left=r"(?<![\w-])")

# Phrases that look like a blocker or an estimate word but are not: matched first, they mask.
NEUTRAL = Table(words(
    "hiệp ước", "công ước", "quy ước", "mong ước", "ước mơ", "ước vọng", "ước muốn", "điều ước",
    "giao ước", "Kế hoạch và Đầu tư", "Sở Kế hoạch", "Bộ Kế hoạch", "Cục Xuất nhập khẩu",
    "Ngân hàng Nhà nước", "Sở Công Thương", "Bộ Công Thương", "Cục Thống kê", "Tổng cục Thống kê",
    "Cục Hải quan", "Tổng cục Hải quan", "Chi cục Hải quan",
    # "chỉ tiêu" is also an indicator, not a target: "nhiều chỉ tiêu kinh tế của tỉnh tăng cao"
    "chỉ tiêu kinh tế", "các chỉ tiêu", "nhiều chỉ tiêu", "những chỉ tiêu", "hầu hết chỉ tiêu",
    "chỉ tiêu chủ yếu", "chỉ tiêu quan trọng", "chỉ tiêu thống kê",
    # "nếu so với cùng kỳ" is a comparison, not a condition
    "nếu so với", "nếu so", "nếu so sánh", "nếu tính chung", "nếu tính cả", "nếu xét",
    # "bình quân trong 9 tháng tăng 5,35%": the period's growth, not a multi-year average
    "bình quân trong", "bình quân chung", "mức bình quân chung", "bình quân cả nước",
    "GRDP bình quân", "GDP bình quân",  # (but "GRDP bình quân đầu người" is per capita)
))

# -- estimates, targets, lists, structure -----------------------------------------------------
ESTIMATES = Table(words(
    "ước", "ước tính", "ước đạt", "ước thực hiện", "ước cả năm", "dự ước", "sơ bộ", "dự kiến",
    "theo ước tính", "ước khoảng", "ước tăng", "ước giảm", "số ước",
))

TARGETS = Table(words(
    "mục tiêu", "phấn đấu", "đặt mục tiêu", "chỉ tiêu", "dự báo", "kỳ vọng", "kịch bản",
    "định hướng", "hướng tới", "đề ra", "đặt ra", "cần đạt", "phải đạt", "nhằm đạt", "dự toán",
    "kế hoạch đề ra", "kế hoạch giao", "được giao", "Nghị quyết", "nghị quyết", "sẽ đạt",
    "có thể đạt", "dự báo đạt", "kế hoạch năm", "kế hoạch", "KH", "tầm nhìn", "đến năm 2030",
    "hướng đến", "phải tăng", "cần tăng", "phải tăng trưởng", "cần tăng trưởng",
    # forecasts and conditionals: what may happen, not what was measured
    "nhận định", "dự đoán", "triển vọng", "khả năng đạt", "nhiều khả năng", "nếu",
    "tạo nền tảng", "tạo động lực", "động lực cho",
))

TRONG_DO = Table(words("trong đó", "bao gồm", "gồm", "cụ thể", "cụ thể là"))
LAN_LUOT = Table(words("lần lượt", "tương ứng"))

# -- scopes ----------------------------------------------------------------------------------
SCOPES = Table(
    words("mở tờ khai tại", "mở tờ khai", "đăng ký tờ khai", "làm thủ tục tại Cục Hải quan",
          "làm thủ tục hải quan tại", "làm thủ tục tại Chi cục Hải quan", "khai báo tại",
          "thực hiện thủ tục tại", "làm thủ tục qua Cục Hải quan", "làm thủ tục",
          "làm thủ tục tại đơn vị", "do Cục Hải quan", "do Chi cục Hải quan", "tại Cục Hải quan",
          "tại Chi cục Hải quan", "thuộc Cục Hải quan", "qua Cục Hải quan",
          # a customs unit as the subject: "Chi cục Hải quan khu vực XI (Hà Tĩnh) ghi nhận …"
          "Chi cục Hải quan khu vực", "Hải quan khu vực", "Cục Hải quan tỉnh",
          value="customs_declared")
    + words("hàng địa phương", "hàng hóa địa phương", "hàng xuất khẩu địa phương",
            "hàng hóa của địa phương", "hàng hóa do địa phương sản xuất",
            "hàng hóa sản xuất tại địa phương", "hàng hóa xuất khẩu của địa phương",
            "hàng hóa có xuất xứ địa phương", value="local_goods")
    + words("tất cả các loại hình", "qua địa bàn", "toàn tỉnh", "toàn địa bàn",
            "trên địa bàn tỉnh", "toàn thành phố", "trên toàn tỉnh",
            # "… thông quan qua các cửa khẩu của tỉnh": the province's trade, whoever reports it
            "qua các cửa khẩu của tỉnh", "qua các cửa khẩu trên địa bàn",
            "qua các cửa khẩu trên địa bàn tỉnh", "qua các cửa khẩu của thành phố",
            value="all"),
)

# -- how a percentage relates to its indicator ------------------------------------------------
# value: "up", "down" (year-on-year change), "ratio" (bằng X% ... = X-100 or a plan share),
# "reach" (đạt / là / ở mức: plan share or a growth rate), "share" (not a figure)
PCT_VERBS = Table(
    words("tăng", "tăng trưởng", "tăng thêm", "mức tăng", "tăng lên", "tăng nhẹ", "tăng mạnh",
          "tăng cao", "tăng khá", "tăng tới", "tăng đến", "tốc độ tăng", "tăng hơn", "tăng gần",
          "tăng khoảng", "tăng xấp xỉ", "tăng trên", "tăng trưởng dương", "mức tăng trưởng",
          "tăng tương ứng", "tăng lần lượt", "tốc độ", value="up")
    + words("giảm", "giảm nhẹ", "giảm mạnh", "sụt giảm", "giảm sâu", "tăng trưởng âm", "âm",
            "giảm tới", "giảm hơn", "giảm gần", "giảm khoảng", "mức giảm", "giảm lần lượt",
            value="down")
    + words("bằng", "chỉ bằng", value="ratio")
    + words("đạt", "là", "ở mức", "đạt mức", "với", "ước đạt", "đạt khoảng", "đạt gần",
            "đạt hơn", "đạt trên", "lên", "lên mức", "hoàn thành", "thực hiện", "được",
            "tương đương", "tương đương với",
            value="reach")
    + words("chiếm", "tỷ trọng", "tỉ trọng", "đóng góp", "góp", "chiếm tỷ trọng", "chiếm khoảng",
            "bình quân", "trung bình", "lãi suất", "cao hơn", "thấp hơn",
            "cao gấp", "kém", "mức chung", "kéo giảm", "làm giảm",
            # "kéo mức tăng chung xuống 4,76%": a sector's pull on the whole, a contribution
            "kéo mức tăng chung xuống", "kéo mức tăng trưởng chung xuống",
            "kéo giảm mức tăng chung", "làm giảm mức tăng chung", "kéo tăng trưởng chung xuống",
            value="share")
    + words("vượt", "vượt kế hoạch", "vượt mức", "vượt chỉ tiêu", value="exceed")
    # the base of the last rate's comparison, not a verb ("với" alone is "reach")
    + words("so với", value=None),
)

# Words that make an amount not a level of the indicator: "tăng 205 triệu USD" (a change),
# "tương đương 120 nghìn tỷ đồng" (the same figure in another currency).
AMOUNT_VERBS = Table(
    words("tăng", "giảm", "tăng thêm", "giảm đi", "tăng hơn", "giảm hơn", "tăng khoảng",
          "giảm khoảng", "tăng gần", "giảm gần", "tăng trên", "hụt", "thêm", "tăng tương ứng",
          "tương ứng tăng", "tương ứng giảm", "tương ứng", "so với",
          "chiếm", "cao hơn", "thấp hơn", "chênh lệch", "ngưỡng", "vượt mốc", "ít hơn",
          "nhiều hơn", "kém", "hụt", "lớn hơn", "mở rộng thêm", "mở rộng hơn",
          "dưới ngưỡng", "trên ngưỡng", "vượt ngưỡng", "vượt", "vượt qua", value="change")
    + words("đạt", "là", "ở mức", "lên", "lên mức", "còn", "xuống còn", "đạt mức", "tăng lên",
            "giảm xuống", "giảm còn", "tăng lên mức", "đạt giá trị", "với", "đạt gần", "đạt hơn",
            "đạt trên", "đạt khoảng", "ước", "ước đạt", "ước tính", value="level"),
)

APPROXIMATORS = Table(words(
    "gần", "hơn", "trên", "khoảng", "xấp xỉ", "gần như", "chưa đến", "dưới", "ngót", "tới",
    "ngót nghét", "trên dưới", "chừng",
))

# Plan-share phrases right after a percentage ("đạt 53,3% kế hoạch") or before it
# ("so kế hoạch năm đạt 53,3%").
PLAN_AFTER = Table(words(
    "kế hoạch", "KH", "kế hoạch năm", "chỉ tiêu", "mục tiêu", "so với kế hoạch",
    "so kế hoạch", "kế hoạch đề ra", "chỉ tiêu kế hoạch", "mục tiêu đề ra", "kế hoạch giao",
    "chỉ tiêu đề ra", "dự toán", "mục tiêu năm", "chỉ tiêu năm", "kế hoạch cả năm",
), left=r"^\s*(?:của\s+|so\s+với\s+|so\s+)?", right=r"(?!\w)")
PLAN_BEFORE = Table(words(
    "so với kế hoạch", "so kế hoạch", "so với kế hoạch năm", "so kế hoạch năm", "so với KH",
    "so KH", "so với chỉ tiêu", "so với mục tiêu", "so với kế hoạch đề ra",
))

# Share-of-a-whole phrases right after a percentage: "bằng 3,2% kim ngạch cả nước".
SHARE_AFTER = Table(words(
    "tổng kim ngạch", "kim ngạch", "kim ngạch xuất khẩu", "kim ngạch nhập khẩu", "GDP", "GRDP",
    "tổng", "cơ cấu", "giá trị", "của cả nước", "cả nước", "điểm phần trăm", "điểm %", "điểm",
    "vào mức tăng", "vào tăng trưởng", "tổng giá trị tăng thêm", "tổng sản phẩm",
    "về khối lượng", "về lượng", "về sản lượng", "thị phần",
), left=r"^\s*(?:của\s+)?")

# -- word lists the rules' patterns are generated from ----------------------------------------
# (plain phrases; each pattern that uses one says so, and table.trie_regex spells it out with
# flexible spaces and both tone placements)

# Trade partners: "thặng dư 24 tỷ USD trong buôn bán với Hoa Kỳ" is one partner's figure
# (notfigure.py). Case matters: "Anh" is a country, "anh" a pronoun.
PARTNERS = (
    "Mỹ", "Hoa Kỳ", "Trung Quốc", "EU", "châu Âu", "Nhật Bản", "Hàn Quốc", "ASEAN", "Đài Loan",
    "Thái Lan", "Lào", "Campuchia", "Ấn Độ", "Nga", "Anh", "Đức", "Pháp", "Úc", "Australia",
    "Canada", "Singapore", "Malaysia", "Indonesia", "Philippines", "Hồng Kông", "Trung Đông",
    "châu Phi", "châu Mỹ", "châu Á", "nước ngoài",
)

# Units of quantities that are not money: a change right after one is that quantity's
# ("đạt 41.000 tấn, tăng 18%"; notfigure.py).
QUANTITY_UNITS = (
    "tấn", "lượt", "phương tiện", "tờ khai", "doanh nghiệp", "hành khách", "khách", "xe",
    "chuyến", "container", "TEU", "người", "lao động", "m3", "kg", "chiếc", "lô hàng", "hồ sơ",
    "dự án",
)

# Words that sum a group ("5 địa phương … tổng cộng 165 tỷ USD"; notfigure.py).
SUM_WORDS = ("tổng cộng", "cộng lại", "gộp lại", "cộng chung", "tính gộp")

# Counts a gate or a customs office reports beside its trade: a blocker ending in one blocks
# only its own clause ("12.051 tờ khai; kim ngạch đạt 737,8 triệu USD"; walk.py).
COUNTED_THINGS = (
    "tờ khai", "phương tiện", "hành khách", "xuất cảnh", "nhập cảnh", "xuất nhập cảnh",
    "doanh nghiệp", "lượt", "container", "xe hàng", "lượt người",
)

# The country named as such: a GDP in a clause naming one of these is the nation's (walk.py).
NATIONAL_WORDS = ("cả nước", "toàn quốc", "việt nam", "vietnam", "nền kinh tế", "quốc gia",
                  "trong nước")

# What may stand before the first number of a sentence that goes on about the last one's
# figure: periods, places, verbs, rank words, connectives (subject.py; a few words with a
# wildcard, "đứng thứ …", stay in its pattern).
CARRY_LEAD_WORDS = (
    "riêng", "mức", "tính chung", "tính riêng", "chỉ tính", "chung", "chỉ riêng", "trong",
    "theo quý", "chia theo quý", "xét theo quý", "phân theo quý", "dù", "mặc dù", "tuy",
    "khi đó", "trong khi đó", "giữ", "giữ vững", "giữ chắc", "lũy kế", "luỹ kế", "cộng dồn",
    "con số này", "mức này", "qua", "của", "tỉnh", "thành phố", "địa phương", "đạt", "tăng",
    "giảm", "là", "với", "ở mức", "khoảng", "hơn", "gần", "trên", "xấp xỉ", "chỉ", "vẫn",
    "cũng", "tiếp tục", "lên", "còn", "so cùng kỳ", "thu về", "dẫn đầu", "sau", "trước đó",
    "đứng cuối", "xếp cuối", "đứng cuối nhóm", "xếp cuối nhóm", "đứng cuối bảng",
    "xếp cuối bảng", "đứng cuối danh sách", "xếp cuối danh sách", "đứng đầu", "nhưng", "và",
    "thì", "mới", "đã", "ghi nhận", "theo sau", "tiếp theo", "tiếp đến", "kế đến", "xếp sau",
    "đứng sau", "cao nhất", "thấp nhất", "lớn nhất", "nhất", "các", "bao gồm", "gồm", "đó là",
    "lần lượt", "tương ứng", "ước", "ước tính", "sơ bộ", "như vậy", "tổng cộng", "cả",
    "tương đương", "tương đương với", "bằng", "vượt", "hoàn thành", "thực hiện", "được", "có",
    "khác", "đáng chú ý", "đặc biệt", "nổi bật",
)
