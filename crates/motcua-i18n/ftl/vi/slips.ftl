### The statutory slips offered on a dossier (forms 01–07 of Circular 03/2025/TT-VPCP).

print = In phiếu
form-01 = Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)
form-02 = Phiếu yêu cầu bổ sung (mẫu 02)
form-03 = Phiếu từ chối tiếp nhận (mẫu 03)
form-04 = Văn bản xin lỗi, hẹn lại (mẫu 04)
form-05 = Thông báo dừng xử lý (mẫu 05)
form-06 = Phiếu kiểm soát quá trình (mẫu 06)
form-07 = Sổ theo dõi hồ sơ (mẫu 07)
book-from = Sổ theo dõi từ ngày
book-to = đến ngày
