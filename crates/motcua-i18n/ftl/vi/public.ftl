### The public pages: the frame of every page, home, catalogue, a procedure, dossier lookup.

site = Dịch vụ công một cửa
skip = Bỏ qua, đến nội dung chính
language = Ngôn ngữ
home = Trang chủ
catalogue = Thủ tục hành chính
lookup = Tra cứu hồ sơ
search-label = Tìm thủ tục (gõ có dấu hoặc không dấu)
search = Tìm
most-used = Thủ tục được dùng nhiều
fields = Lĩnh vực
# The count is shown before this text.
procedures-count =
    { $count ->
       *[other] thủ tục
    }
level = Cấp thực hiện
any-level = Mọi cấp
province = Cấp tỉnh
commune = Cấp xã
ministry = Cấp bộ
other = Cơ quan khác
full-online-only = Chỉ thủ tục làm trọn trực tuyến
full-online = Trực tuyến toàn trình
online = Nộp trực tuyến được
boundary-free = Nộp ở bất kỳ đâu trong tỉnh
# The count is shown before this text.
results-found =
    { $count ->
       *[other] thủ tục phù hợp
    }
no-results = Không tìm thấy thủ tục nào. Xin thử từ khác, ngắn hơn.
previous = Trang trước
next = Trang sau
page = Trang
code = Mã thủ tục
field = Lĩnh vực
agencies = Cơ quan giải quyết
time-and-fees = Thời hạn và phí
channel = Cách nộp
method-online = Trực tuyến
method-direct = Trực tiếp
method-postal = Qua bưu chính
time = Thời hạn giải quyết
fees = Phí, lệ phí
free = Không mất phí
time-unit-working-day = ngày làm việc
time-unit-day = ngày
time-unit-hour = giờ làm việc
time-unit-month = tháng
time-unit-same-day = trong ngày
time-unit-other = (theo quy định riêng)
documents = Giấy tờ cần nộp
originals = bản chính
copies = bản sao
required = bắt buộc
form = Mẫu đơn
steps = Các bước thực hiện
results = Kết quả nhận được
legal-bases = Căn cứ pháp lý
where = Nộp ở đâu
choose-province = Chọn tỉnh, thành phố
choose-commune = Chọn xã, phường nơi bạn ở (để xếp nơi gần nhất lên trước)
show = Xem
km-away = km
hours = Giờ làm việc
lookup-intro = Nhập mã hồ sơ (trên giấy hẹn) và số định danh cá nhân của người nộp. Không cần đăng nhập.
dossier-code = Mã hồ sơ
id-number = Số định danh cá nhân (12 số)
look-up = Tra cứu
not-found-pair = Không tìm thấy hồ sơ với mã và số định danh này. Xin kiểm tra lại hai số trên giấy hẹn.
status = Tình trạng
received-at = Ngày tiếp nhận
due-at = Hẹn trả kết quả
history = Quá trình xử lý
