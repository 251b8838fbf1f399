# escape=`
FROM mcr.example.com/windows/servercore:ltsc2022
RUN apt-get install -y curl `
    git
CMD C:\app\app.exe --serve
COPY app C:/app
ENTRYPOINT app.exe `
    --serve
